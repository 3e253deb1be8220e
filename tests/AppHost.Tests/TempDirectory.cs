namespace AppHost.Tests;

/// <summary>A fresh folder for one test, removed afterwards.</summary>
public sealed class TempDirectory : IDisposable
{
    public string Path { get; } = Directory.CreateDirectory(
        System.IO.Path.Combine(System.IO.Path.GetTempPath(), "crm-apphost-tests", Guid.NewGuid().ToString("N"))).FullName;

    public string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // a child may still be closing a log file; the OS temp cleaner gets it later
        }
    }
}

namespace Crm.AppHost.Logs;

/// <summary>
/// Where one resource's output goes: its log file (for reading later) and a ring of recent lines (for crash reports).
/// The previous run's file is kept as &lt;name&gt;.previous.log so a restart does not erase the evidence.
/// </summary>
public sealed class ResourceLog : IDisposable
{
    public const int RingCapacity = 200;

    private readonly StreamWriter _file;
    private readonly Lock _gate = new();

    public ResourceLog(string logDirectory, string resourceName)
    {
        Directory.CreateDirectory(logDirectory);
        FilePath = Path.Combine(logDirectory, resourceName + ".log");
        if (File.Exists(FilePath))
            File.Move(FilePath, Path.Combine(logDirectory, resourceName + ".previous.log"), overwrite: true);
        _file = new StreamWriter(new FileStream(FilePath, FileMode.Append, FileAccess.Write, FileShare.Read)) { AutoFlush = true };
    }

    public string FilePath { get; }

    public LogRing Recent { get; } = new(RingCapacity);

    public void Write(string line)
    {
        Recent.Add(line);
        lock (_gate)
            _file.WriteLine(line);
    }

    public void Dispose()
    {
        lock (_gate)
            _file.Dispose();
    }
}

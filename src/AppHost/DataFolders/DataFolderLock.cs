using System.Globalization;

namespace Crm.AppHost.DataFolders;

/// <summary>
/// One AppHost per data folder. A second one would start a second set of services on the same SQLite files, logs
/// and gateway secret, and its silos would join the first one's cluster. An exclusive lock on a file in the folder
/// keeps it out; the operating system releases the lock however the AppHost ends, <c>kill -9</c> included.
/// </summary>
public sealed class DataFolderLock : IDisposable
{
    public const string LockFileName = "apphost.lock";
    public const string OwnerFileName = "apphost.pid";

    private readonly FileStream _lock;

    private DataFolderLock(FileStream lockFile) => _lock = lockFile;

    /// <summary>Creates the folder if needed and locks it for this process.</summary>
    /// <exception cref="AppHostException">The folder cannot be used, or another AppHost holds it.</exception>
    public static DataFolderLock Take(string dataDirectory, int processId)
    {
        try
        {
            Directory.CreateDirectory(dataDirectory);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new AppHostException($"cannot use {dataDirectory} as the data folder ({e.Message}); choose another with --data DIR.");
        }

        FileStream lockFile;
        try
        {
            // FileShare.None takes an exclusive flock on Unix, which any other open with FileShare.None is refused.
            lockFile = new FileStream(Path.Combine(dataDirectory, LockFileName), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException)
        {
            var owner = ReadOwner(dataDirectory) is { } pid ? $" (process {pid})" : "";
            throw new AppHostException(
                $"another AppHost{owner} is running on the data folder {dataDirectory}; stop it first, or choose another folder with --data DIR.");
        }

        File.WriteAllText(Path.Combine(dataDirectory, OwnerFileName), processId.ToString(CultureInfo.InvariantCulture));
        return new DataFolderLock(lockFile);
    }

    private static int? ReadOwner(string dataDirectory)
    {
        try
        {
            return int.TryParse(File.ReadAllText(Path.Combine(dataDirectory, OwnerFileName)), out var pid) ? pid : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    public void Dispose() => _lock.Dispose();
}

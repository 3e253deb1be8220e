namespace Crm.Benchmarks.Actors;

/// <summary>A temporary folder for a benchmark's SQLite file, deleted afterwards.</summary>
internal sealed class TempStore : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("crm-bench-actors-");

    public ProbeStorage Sqlite => new($"Data Source={Path.Combine(_folder.FullName, "cluster.db")}");

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            _folder.Delete(recursive: true);
        }
        catch (IOException)
        {
            // still open somewhere; the OS cleans temp eventually
        }
    }
}

using Microsoft.Extensions.Hosting;
using Orleans.Storage.Tests.Harness;

namespace Orleans.Storage.Tests.Sqlite;

/// <summary>A SQLite file of its own for each test class, holding membership, grain state and reminders as in SQLite mode.</summary>
public sealed class SqliteBackend : IStorageBackend, IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "orleans-sqlite-tests-" + Guid.NewGuid().ToString("N")[..12]);

    public SqliteBackend() => Directory.CreateDirectory(_folder);

    public string ConnectionString => $"Data Source={Path.Combine(_folder, "cluster.db")}";

    public IReadOnlyDictionary<string, string?> Settings(params string[] grainStorageNames)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Orleans:Clustering:ProviderType"] = "Sqlite",
            ["Orleans:Clustering:ConnectionString"] = ConnectionString,
            ["Orleans:Reminders:ProviderType"] = "Sqlite",
            ["Orleans:Reminders:ConnectionString"] = ConnectionString,
        };
        foreach (var name in grainStorageNames)
        {
            settings[$"Orleans:GrainStorage:{name}:ProviderType"] = "Sqlite";
            settings[$"Orleans:GrainStorage:{name}:ConnectionString"] = ConnectionString;
        }
        return settings;
    }

    public void DeleteStateOnClear(HostApplicationBuilder builder, string name) =>
        builder.Configuration[$"Orleans:GrainStorage:{name}:DeleteStateOnClear"] = "true";

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}

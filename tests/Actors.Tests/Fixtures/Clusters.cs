using Actors.Hosting;
using Actors.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Actors.Tests.Fixtures;

/// <summary>Test clusters hosting every test actor kind.</summary>
public static class Clusters
{
    public static void AllActors(ActorSiloBuilder silo) => silo
        .AddActor<IEchoActor, EchoActor>()
        .AddActor<ICounterActor, CounterActor>()
        .AddActor<ICycleActor, CycleActor>()
        .AddActor<IAccountActor, AccountActor>()
        .AddActor<ITickerActor, TickerActor>();

    public static TestClusterOptions Options(Journal? journal = null, string provider = "memory", string connectionString = "")
    {
        var options = new TestClusterOptions { StorageProvider = provider, ConnectionString = connectionString };
        options.Configuration["Actors:Reminders:PollInterval"] = "00:00:00.100";
        var shared = journal ?? new Journal();
        options.ConfigureServices = services => services.AddSingleton(shared);
        return options;
    }

    public static Task<TestCluster> StartAsync(int silos, TestClusterOptions? options = null) =>
        TestCluster.StartAsync(silos, AllActors, options ?? Options());
}

/// <summary>A temporary SQLite file, deleted with its WAL files afterwards.</summary>
public sealed class TempDatabase : IDisposable
{
    public TempDatabase()
    {
        Folder = Path.Combine(Path.GetTempPath(), "actors-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Folder);
    }

    public string Folder { get; }

    public string ConnectionString => $"Data Source={Path.Combine(Folder, "actors.db")}";

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still open by a pooled connection of another test; the temp folder is cleaned by the OS.
        }
    }
}

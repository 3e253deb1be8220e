using System.Diagnostics.Metrics;
using Crm.Benchmarks.Actors;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans;
using Orleans.Runtime;
using Orleans.Sqlite;
using Orleans.Storage;

namespace Crm.Benchmarks.OrleansStorage;

/// <summary>
/// Durable grain-state writes per second through Orleans' IGrainStorage of the SQLite provider (Orleans.Sqlite),
/// configured as a silo configures it. Every write completes only after its transaction committed with an fsync;
/// the baseline is one writer at a time (one commit per write), the figure many grains writing at once (group commit).
/// </summary>
public sealed class OrleansStorageSuite : IBenchmarkSuite
{
    private const int Writers = 1024;
    private const int Windows = 3;
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(3);

    // Writes completed, to divide by commits.
    private static long _writes;

    public string Name => "orleans-storage";

    public async Task RunAsync(BenchmarkReport report, CancellationToken cancellationToken)
    {
        var folder = Path.Combine(Path.GetTempPath(), "crm-bench-orleans-sqlite-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            using var host = BuildSilo($"Data Source={Path.Combine(folder, "cluster.db")}");
            var storage = host.Services.GetRequiredKeyedService<IGrainStorage>("Default");
            var commits = 0L;
            using var listener = CountCommits(() => Interlocked.Increment(ref commits));

            BenchmarkReport.Progress("orleans sqlite grain storage: one writer, one commit per write (baseline)");
            report.Add("orleans_sqlite.durable_writes_per_s.one_writer", await WritesPerSecondAsync(storage, 1, cancellationToken), "writes/s");

            BenchmarkReport.Progress($"orleans sqlite grain storage: {Writers} grains writing at once (group commit)");
            var before = (Writes: Volatile.Read(ref _writes), Commits: Interlocked.Read(ref commits));
            report.Add("orleans_sqlite.durable_writes_per_s", await WritesPerSecondAsync(storage, Writers, cancellationToken), "writes/s");
            report.Add("orleans_sqlite.writes_per_commit",
                (Volatile.Read(ref _writes) - before.Writes) / (double)Math.Max(1, Interlocked.Read(ref commits) - before.Commits), "writes");
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    private static IHost BuildSilo(string connectionString)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Orleans:ClusterId"] = "bench",
            ["Orleans:ServiceId"] = "bench",
            ["Orleans:Clustering:ProviderType"] = "Sqlite",
            ["Orleans:Clustering:ConnectionString"] = connectionString,
            ["Orleans:GrainStorage:Default:ProviderType"] = "Sqlite",
            ["Orleans:GrainStorage:Default:ConnectionString"] = connectionString,
        });
        builder.UseOrleans();
        return builder.Build();
    }

    private static async Task<double> WritesPerSecondAsync(IGrainStorage storage, int writers, CancellationToken cancellationToken)
    {
        // One state per grain; a grain writes one at a time, as Orleans' persistent state does.
        var grains = Enumerable.Range(0, writers).Select(i => (Id: GrainId.Create("bench-grain", $"{writers}-{i}"), State: new GrainState<Sample>(new Sample()))).ToArray();
        return await Throughput.BestOfAsync(Windows, writers, Window, async (worker, i) =>
        {
            var (id, state) = grains[worker];
            state.State!.Count = i;
            await storage.WriteStateAsync("sample", id, state).ConfigureAwait(false);
            Interlocked.Increment(ref _writes);
        }, cancellationToken).ConfigureAwait(false);
    }

    private static MeterListener CountCommits(Action onCommit)
    {
        var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == SqliteTelemetry.MeterName && instrument.Name == SqliteTelemetry.GrainStorageBatchSizeName)
                    l.EnableMeasurementEvents(instrument);
            },
        };
        listener.SetMeasurementEventCallback<int>((_, _, _, _) => onCommit());
        listener.Start();
        return listener;
    }

    [GenerateSerializer]
    public sealed class Sample
    {
        [Id(0)]
        public long Count { get; set; }

        [Id(1)]
        public string Name { get; set; } = "a customer-sized name and some text to make the state a few hundred bytes long";
    }
}

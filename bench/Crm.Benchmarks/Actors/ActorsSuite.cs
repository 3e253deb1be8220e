using System.Text.Json;
using System.Threading.Channels;
using ActorProbes;
using Actors.Invocation;

namespace Crm.Benchmarks.Actors;

/// <summary>
/// The virtual-actor runtime's figures, each next to a same-run baseline (a bare Channel request/response),
/// so that they read as ratios on this shared, noisy machine. Rates are the best of three 2-second windows.
/// </summary>
public sealed class ActorsSuite : IBenchmarkSuite
{
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(2);
    private const int Windows = 3;
    private const int Concurrency = 256;

    public string Name => "actors";

    public async Task RunAsync(BenchmarkReport report, CancellationToken cancellationToken)
    {
        report.Add("baseline.channel_roundtrips_per_s", await ChannelRoundTripsAsync(cancellationToken), "ops/s");
        report.Add("actor.local_calls_per_s", await LocalCallsAsync(cancellationToken), "calls/s");
        report.Add("actor.remote_calls_per_s", await RemoteCallsAsync(cancellationToken), "calls/s");
        report.Add("actor.activations_per_s", await ColdActivationsAsync(), "activations/s");
        report.Add("actor.durable_writes_per_s", await DurableWritesAsync(cancellationToken), "writes/s");
        report.Add("actor.bytes_per_idle_activation", await BytesPerIdleActivationAsync(), "bytes");
    }

    /// <summary>One server loop answering requests through a Channel: the cheapest in-process request/response.</summary>
    private static async Task<double> ChannelRoundTripsAsync(CancellationToken cancellationToken)
    {
        BenchmarkReport.Progress("baseline: channel request/response");
        var requests = Channel.CreateUnbounded<(int Value, TaskCompletionSource<int> Reply)>(new UnboundedChannelOptions { SingleReader = true });
        var server = Task.Run(async () =>
        {
            await foreach (var (value, reply) in requests.Reader.ReadAllAsync(CancellationToken.None))
                reply.SetResult(value + 1);
        }, CancellationToken.None);
        var rate = await Throughput.BestOfAsync(Windows, Concurrency, Window, async (_, i) =>
        {
            var reply = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
            requests.Writer.TryWrite(((int)i, reply));
            await reply.Task.ConfigureAwait(false);
        }, cancellationToken);
        requests.Writer.Complete();
        await server;
        return rate;
    }

    private static async Task<double> LocalCallsAsync(CancellationToken cancellationToken)
    {
        BenchmarkReport.Progress("local calls: warm activations, caller inside the silo");
        using var store = new TempStore();
        await using var silo = await BenchHost.SiloAsync(store.Settings("memory"));
        var probes = Enumerable.Range(0, 1024).Select(i => silo.Actors.Get<IProbeActor>($"bench/{i}")).ToArray();
        await Task.WhenAll(probes.Select(p => p.PingAsync(0)));
        return await Throughput.BestOfAsync(Windows, Concurrency, Window, (worker, i) => probes[(worker * 31 + i) % probes.Length].PingAsync((int)i), cancellationToken);
    }

    private static async Task<double> RemoteCallsAsync(CancellationToken cancellationToken)
    {
        BenchmarkReport.Progress("remote calls: this process as client, tests/Actors.TestSilo as the silo process, loopback TCP");
        using var store = new TempStore();
        var settings = store.Settings();
        await using var silo = await SiloProcess.StartAsync(settings);
        await using var client = await BenchHost.ClientAsync(settings);
        var probes = Enumerable.Range(0, 1024).Select(i => client.Actors.Get<IProbeActor>($"bench/{i}")).ToArray();
        await Task.WhenAll(probes.Select(p => p.PingAsync(0)));
        return await Throughput.BestOfAsync(Windows, Concurrency, Window, (worker, i) => probes[(worker * 31 + i) % probes.Length].PingAsync((int)i), cancellationToken);
    }

    /// <summary>Activations of actors whose customer-sized state must be read from SQLite first (best of three slices).</summary>
    private static async Task<double> ColdActivationsAsync()
    {
        const int slice = 15_000;
        BenchmarkReport.Progress($"cold activations: seeding {Windows * slice} SQLite records");
        using var store = new TempStore();
        await using var silo = await BenchHost.SiloAsync(store.Settings());
        await SeedAsync(silo.Silo.Store, Windows * slice);
        BenchmarkReport.Progress("cold activations: activating each once");
        var best = 0.0;
        for (var w = 0; w < Windows; w++)
        {
            var offset = w * slice;
            best = Math.Max(best, await Throughput.EachAsync(slice, Concurrency,
                i => silo.Actors.Get<IProbeActor>($"tenant-{(offset + i) % 50}/c-{offset + i}").PingAsync(i)));
        }
        return best;
    }

    private static async Task<double> DurableWritesAsync(CancellationToken cancellationToken)
    {
        BenchmarkReport.Progress("durable writes: each call completes after its state is committed to SQLite");
        using var store = new TempStore();
        await using var silo = await BenchHost.SiloAsync(store.Settings());
        var probes = Enumerable.Range(0, 4096).Select(i => silo.Actors.Get<IProbeActor>($"tenant-{i % 50}/w-{i}")).ToArray();
        await Task.WhenAll(probes.Select(p => p.PingAsync(0)));
        // One loop per actor at a time: a non-reentrant actor serializes its own writes anyway.
        return await Throughput.BestOfAsync(Windows, 1024, Window, (worker, i) => probes[worker % probes.Length].WriteAsync((int)i), cancellationToken);
    }

    private static async Task<double> BytesPerIdleActivationAsync()
    {
        const int count = 100_000;
        BenchmarkReport.Progress($"memory: {count} idle activations of customer-sized state");
        using var store = new TempStore();
        await using var silo = await BenchHost.SiloAsync(store.Settings("memory"));
        await SeedAsync(silo.Silo.Store, count);
        var before = Settle();
        await Throughput.EachAsync(count, Concurrency, i => silo.Actors.Get<IProbeActor>($"tenant-{i % 50}/c-{i}").PingAsync(i));
        var after = Settle();
        if (silo.Silo.ActivationCount != count)
            throw new InvalidOperationException($"Expected {count} resident activations, found {silo.Silo.ActivationCount}.");
        return (after - before) / (double)count;
    }

    private static long Settle()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        return GC.GetTotalMemory(forceFullCollection: true);
    }

    private static async Task SeedAsync(global::Actors.Persistence.IStateStore store, int count)
    {
        var kind = ActorInterfaceRegistry.Get(typeof(IProbeActor)).Kind;
        var json = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        for (var start = 0; start < count; start += 2000)
        {
            await Task.WhenAll(Enumerable.Range(start, Math.Min(2000, count - start)).Select(i =>
                store.WriteAsync(new ActorId(kind, $"tenant-{i % 50}/c-{i}"), "probe", JsonSerializer.SerializeToUtf8Bytes(ProbeState.Sample(i), json), null, CancellationToken.None)));
        }
    }
}

using System.Threading.Channels;
using Crm.Benchmarks.Actors.Probes;
using Orleans.Runtime;

namespace Crm.Benchmarks.Actors;

/// <summary>
/// Orleans' figures for the CRM's grains, each next to a same-run baseline (a bare Channel request/response), so that
/// they read as ratios on this shared, noisy machine. Rates are the best of three 2-second windows. The probe grains
/// are bench-only (Probes/), with the same customer-sized state the old runtime's probe actor had.
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
        var (bare, state, probe) = await BytesPerIdleActivationAsync();
        report.Add("baseline.bytes_per_idle_stateless_activation", bare, "bytes");
        report.Add("baseline.bytes_per_probe_state", state, "bytes");
        report.Add("actor.bytes_per_idle_activation", probe, "bytes");
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
        BenchmarkReport.Progress("local calls: warm grains, caller inside the silo process");
        await using var silo = await BenchSilo.StartAsync(ProbeStorage.Memory);
        var probes = Probes(silo.Grains, 1024);
        await Task.WhenAll(probes.Select(p => p.PingAsync(0)));
        return await Throughput.BestOfAsync(Windows, Concurrency, Window, (worker, i) => probes[(worker * 31 + i) % probes.Length].PingAsync((int)i), cancellationToken);
    }

    private static async Task<double> RemoteCallsAsync(CancellationToken cancellationToken)
    {
        BenchmarkReport.Progress($"remote calls: this process as Orleans client, this executable in '{SiloProcess.Mode}' mode as the silo process, loopback TCP");
        await using var silo = await SiloProcess.StartAsync();
        await using var client = await BenchClient.ConnectAsync(silo);
        var probes = Probes(client.Grains, 1024);
        await Task.WhenAll(probes.Select(p => p.PingAsync(0)));
        return await Throughput.BestOfAsync(Windows, Concurrency, Window, (worker, i) => probes[(worker * 31 + i) % probes.Length].PingAsync((int)i), cancellationToken);
    }

    /// <summary>Activations of grains whose customer-sized state must be read from SQLite first (best of three slices).</summary>
    private static async Task<double> ColdActivationsAsync()
    {
        const int slice = 15_000;
        BenchmarkReport.Progress($"cold activations: seeding {Windows * slice} SQLite rows");
        using var store = new TempStore();
        await using var silo = await BenchSilo.StartAsync(store.Sqlite);
        await SeedAsync(silo, Windows * slice);
        BenchmarkReport.Progress("cold activations: activating each once");
        var best = 0.0;
        for (var w = 0; w < Windows; w++)
        {
            var offset = w * slice;
            best = Math.Max(best, await Throughput.EachAsync(slice, Concurrency, i => Customer(silo.Grains, offset + i).PingAsync(i)));
        }
        return best;
    }

    private static async Task<double> DurableWritesAsync(CancellationToken cancellationToken)
    {
        BenchmarkReport.Progress("durable writes: each call completes after its state is committed to SQLite");
        using var store = new TempStore();
        await using var silo = await BenchSilo.StartAsync(store.Sqlite);
        var probes = Probes(silo.Grains, 4096);
        await Task.WhenAll(probes.Select(p => p.PingAsync(0)));
        // One loop per grain at a time: a non-reentrant grain serializes its own writes anyway.
        return await Throughput.BestOfAsync(Windows, 1024, Window, (worker, i) => probes[worker % probes.Length].WriteAsync((int)i), cancellationToken);
    }

    /// <summary>
    /// Heap bytes per idle activation, each the growth of the compacted heap over 100,000 activations in a silo of its
    /// own: first of a grain with no state (what Orleans itself keeps per activation), then of the probe with its
    /// customer-sized state. Between them, the bytes of the probe's state alone, as its storage provider reads it, so
    /// that the probe's figure splits into Orleans' floor, the state, and what the persistent state facet adds.
    /// </summary>
    private static async Task<(double Bare, double State, double Probe)> BytesPerIdleActivationAsync()
    {
        const int count = 100_000;
        BenchmarkReport.Progress($"memory: {count} idle activations of a stateless grain");
        double bare;
        await using (var silo = await BenchSilo.StartAsync(ProbeStorage.Memory))
            bare = await HeapGrowthPerActivationAsync(silo, count, i => silo.Grains.GetGrain<IBareProbeGrain>(CustomerKey(i)).PingAsync(i));
        BenchmarkReport.Progress($"memory: {count} idle activations of customer-sized state");
        await using (var silo = await BenchSilo.StartAsync(ProbeStorage.Memory))
        {
            await SeedAsync(silo, count);
            var state = await StateBytesAsync(silo, count);
            return (bare, state, await HeapGrowthPerActivationAsync(silo, count, i => Customer(silo.Grains, i).PingAsync(i)));
        }
    }

    /// <summary>Heap bytes per probe state read back through the storage provider, the states held in an array.</summary>
    private static async Task<double> StateBytesAsync(BenchSilo silo, int count)
    {
        var grainType = GrainType.Create(ProbeGrain.GrainTypeName);
        var states = new GrainState<ProbeState>[count];
        for (var i = 0; i < count; i++)
            states[i] = new GrainState<ProbeState>();
        var before = Settle();
        for (var i = 0; i < count; i++)
            await silo.Storage.ReadStateAsync("probe", GrainId.Create(grainType, CustomerKey(i)), states[i]);
        for (var i = 0; i < count; i++)
            states[i].ETag = null;
        var after = Settle();
        GC.KeepAlive(states);
        return (after - before) / (double)count;
    }

    private static async Task<double> HeapGrowthPerActivationAsync(BenchSilo silo, int count, Func<int, Task> activate)
    {
        var resident = await silo.ActivationCountAsync();
        var before = Settle();
        await Throughput.EachAsync(count, Concurrency, activate);
        var after = Settle();
        var added = await silo.ActivationCountAsync() - resident;
        if (added != count)
            throw new InvalidOperationException($"Expected {count} new resident activations, found {added}: some were collected or never activated.");
        return (after - before) / (double)count;
    }

    private static IProbeGrain[] Probes(IGrainFactory grains, int count) =>
        Enumerable.Range(0, count).Select(i => grains.GetGrain<IProbeGrain>($"bench/{i}")).ToArray();

    private static IProbeGrain Customer(IGrainFactory grains, int i) => grains.GetGrain<IProbeGrain>(CustomerKey(i));

    private static string CustomerKey(int i) => $"tenant-{i % 50}/c-{i}";

    private static long Settle()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        return GC.GetTotalMemory(forceFullCollection: true);
    }

    /// <summary>Writes each customer's state straight through the storage provider, as if saved in an earlier run.</summary>
    private static async Task SeedAsync(BenchSilo silo, int count)
    {
        var grainType = GrainType.Create(ProbeGrain.GrainTypeName);
        for (var start = 0; start < count; start += 2000)
        {
            await Task.WhenAll(Enumerable.Range(start, Math.Min(2000, count - start)).Select(i =>
                silo.Storage.WriteStateAsync("probe", GrainId.Create(grainType, CustomerKey(i)), new GrainState<ProbeState>(ProbeState.Sample(i)))));
        }
    }
}

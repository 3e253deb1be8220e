using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Actors.Membership;
using Actors.Persistence.Sqlite;
using Actors.Telemetry;
using Actors.Testing;
using Actors.Tests.Fixtures;
using Xunit.Abstractions;
using static Actors.Tests.Scheduling.LifecycleTests;

namespace Actors.Tests.Cluster;

/// <summary>
/// Failure detection by direct probes and suspicion votes: a silo its peers cannot reach is declared Dead although its
/// heartbeat in the table stays fresh, and a healthy cluster declares nobody Dead.
/// </summary>
public sealed class ProbeTests(ITestOutputHelper output) : IDisposable
{
    private readonly TempDatabase _database = new();

    private TestClusterOptions Sqlite() => Clusters.Options(null, "sqlite", _database.ConnectionString);

    private RelationalMembershipTable Table(TestCluster cluster) => new(new SqliteDatabase(_database.ConnectionString), cluster.Options.ClusterId);

    private static int Hosting(IEnumerable<TestSilo> silos, string key) => silos.Count(s => s.HostsActivation<IAccountActor>(key));

    [Theory]
    [InlineData(3)]
    [InlineData(2)]
    public async Task A_silo_its_peers_cannot_reach_is_voted_dead_while_it_still_heartbeats_and_fences_itself(int silos)
    {
        await using var cluster = await Clusters.StartAsync(silos, Sqlite());
        var keys = Enumerable.Range(0, 30).Select(i => $"cut/{i}").ToList();
        foreach (var key in keys)
            await cluster.Client.Get<IAccountActor>(key).DepositAsync(5);
        var victim = cluster.Silos[^1];
        var peers = cluster.Silos.Where(s => s != victim).Select(s => s.Address).ToHashSet();
        Assert.True(victim.ActivationCount > 0);
        var table = Table(cluster);

        victim.StopAnswering();
        var clock = Stopwatch.StartNew();
        SiloEntry row;
        var oldestHeartbeat = TimeSpan.Zero;
        while (true)
        {
            var snapshot = await table.ReadAllAsync(default);
            row = snapshot.Silos.Single(s => s.Address == victim.Address);
            if (row.Status == SiloStatus.Dead)
                break;
            // While it is still Active its heartbeat stays fresh: the heartbeat path has no reason to declare it Dead.
            var age = DateTimeOffset.UtcNow - row.HeartbeatAt;
            oldestHeartbeat = age > oldestHeartbeat ? age : oldestHeartbeat;
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), $"not declared Dead after {clock.Elapsed.TotalSeconds:0.0} s; votes: {string.Join(", ", row.Suspicions)}");
            await Task.Delay(50);
        }
        var declaredAfter = clock.Elapsed;
        output.WriteLine($"{silos} silos: declared Dead after {declaredAfter.TotalSeconds:0.00} s, votes from {string.Join(", ", row.Suspicions.Select(v => v.Voter))}; oldest heartbeat seen meanwhile {oldestHeartbeat.TotalMilliseconds:0} ms");
        Assert.True(oldestHeartbeat < cluster.Options.DeathTimeout, $"the victim's heartbeat got {oldestHeartbeat} old");
        // The votes came from its peers: both of them with three silos, the only other one with two.
        Assert.Equal(peers, row.Suspicions.Select(v => v.Voter).ToHashSet());

        // It reads that it is Dead and fences itself: stops serving and drops every activation.
        await WaitUntil(() => !victim.IsServing && victim.ActivationCount == 0, seconds: 10);
        output.WriteLine($"fenced after {clock.Elapsed.TotalSeconds:0.00} s");

        await cluster.KillSiloAsync(victim); // the test cluster forgets it (its row is Dead already)
        await cluster.WaitForMembershipAsync();
        foreach (var key in keys)
            Assert.Equal(10, await cluster.Client.Get<IAccountActor>(key).DepositAsync(5));
        await WaitUntil(() => keys.All(k => Hosting(cluster.Silos, k) == 1));
    }

    [Fact]
    public async Task A_healthy_cluster_under_steady_calls_declares_nobody_dead()
    {
        var sent = new ConcurrentDictionary<string, long>();
        var failed = new ConcurrentDictionary<string, long>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == ActorTelemetry.Name && instrument.Name.StartsWith("actors.probes.", StringComparison.Ordinal))
                    l.EnableMeasurementEvents(instrument);
            },
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag.Key == "actors.silo" && tag.Value is string silo)
                    (instrument.Name == "actors.probes.sent" ? sent : failed).AddOrUpdate(silo, value, (_, v) => v + value);
            }
        });
        listener.Start();
        await using var cluster = await Clusters.StartAsync(3, Sqlite());
        var ours = cluster.Silos.Select(s => s.Address.ToString()).ToList();

        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(6));
        var callers = new[] { cluster.Client }.Concat(cluster.Silos.Select(s => s.Actors)).ToList();
        var calls = 0;
        var loops = Enumerable.Range(0, 16).Select(w => Task.Run(async () =>
        {
            var actors = callers[w % callers.Count];
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                await actors.Get<IAccountActor>($"steady/{(w * 7 + i) % 64}").DepositAsync(1);
                Interlocked.Increment(ref calls);
            }
        })).ToList();
        await Task.WhenAll(loops);

        var snapshot = await Table(cluster).ReadAllAsync(default);
        var probes = ours.Sum(s => sent.GetValueOrDefault(s));
        var misses = ours.Sum(s => failed.GetValueOrDefault(s));
        output.WriteLine($"{calls} calls in 6 s; probes sent {probes}, missed {misses}; table: {string.Join(", ", snapshot.Silos.Select(s => $"{s.Address}={s.Status}/{s.Suspicions.Count} vote(s)"))}");
        Assert.All(snapshot.Silos, s => Assert.Equal(SiloStatus.Active, s.Status));
        Assert.All(snapshot.Silos, s => Assert.Empty(s.Suspicions));
        Assert.All(ours, s => Assert.True(sent.GetValueOrDefault(s) >= 6, $"silo {s} sent only {sent.GetValueOrDefault(s)} probes")); // each probes both others every second
        await cluster.WaitForMembershipAsync(TimeSpan.FromSeconds(1));
    }

    public void Dispose() => _database.Dispose();
}

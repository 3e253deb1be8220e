using Actors.Invocation;
using Actors.Messaging;
using Actors.Testing;
using Actors.Tests.Fixtures;
using Microsoft.Extensions.Logging.Abstractions;

namespace Actors.Tests.Cluster;

public sealed class ClusterTests : IDisposable
{
    private readonly TempDatabase _database = new();

    private TestClusterOptions Sqlite(Journal? journal = null) => Clusters.Options(journal, "sqlite", _database.ConnectionString);

    private static int Hosting<TActor>(IEnumerable<TestSilo> silos, string key) where TActor : IActor =>
        silos.Count(s => s.HostsActivation<TActor>(key));

    [Fact]
    public async Task Each_key_has_exactly_one_activation_in_a_three_silo_cluster()
    {
        await using var cluster = await Clusters.StartAsync(3, Sqlite());
        var keys = Enumerable.Range(0, 60).Select(i => $"tenant-{i % 3}/acct-{i}").ToList();

        // Calls start at the external client and at every silo: they must meet in one activation per key.
        foreach (var key in keys)
        {
            await cluster.Client.Get<IAccountActor>(key).DepositAsync(1);
            foreach (var silo in cluster.Silos)
                await silo.Actors.Get<IAccountActor>(key).DepositAsync(1);
        }

        foreach (var key in keys)
        {
            Assert.Equal(1, Hosting<IAccountActor>(cluster.Silos, key));
            Assert.Equal(4, await cluster.Client.Get<IAccountActor>(key).BalanceAsync());
        }
        Assert.All(cluster.Silos, s => Assert.InRange(s.ActivationCount, 5, 40));
    }

    [Fact]
    public async Task A_call_that_reaches_a_silo_that_does_not_own_the_key_is_forwarded_to_the_owner()
    {
        await using var cluster = await Clusters.StartAsync(2);
        var echoKind = ActorInterfaceRegistry.Get(typeof(IEchoActor));
        // Find a key the first silo does not own.
        var key = Enumerable.Range(0, 100).Select(i => $"fwd-{i}")
            .First(k => cluster.Silos[1].Address == FailureTests.OwnerOf(cluster, new ActorId(echoKind.Kind, k)));
        var request = FailureTests.Capture(echoKind, key, p => ((IEchoActor)p).KeyAsync());
        await using var pool = new ConnectionPool(NullLogger<ConnectionPool>.Instance);

        var connection = await pool.GetAsync(cluster.Silos[0].Address);
        var result = await connection.CallAsync(new ActorId(echoKind.Kind, key), request, hops: 0, traceParent: null);

        Assert.Equal(key, result);
        Assert.False(cluster.Silos[0].HostsActivation<IEchoActor>(key));
        Assert.True(cluster.Silos[1].HostsActivation<IEchoActor>(key));
    }

    [Fact]
    public async Task Exceptions_cross_the_wire_as_their_own_type_when_possible()
    {
        await using var cluster = await Clusters.StartAsync(1);
        var echo = cluster.Client.Get<IEchoActor>("boom");

        var typed = await Assert.ThrowsAsync<TestDomainException>(() => echo.FailAsync("typed", "customer exists"));
        var conflict = await Assert.ThrowsAsync<StateConflictException>(() => echo.FailAsync("conflict", "stale"));
        var remote = await Assert.ThrowsAsync<RemoteActorException>(() => echo.FailAsync("untyped", ""));

        Assert.Equal("customer exists", typed.Message);
        Assert.Equal("stale", conflict.Message);
        Assert.Equal(typeof(NoStringConstructorException).FullName, remote.RemoteType);
        Assert.Equal("no string constructor here", remote.RemoteMessage);
        // The activation survives its method's exception.
        Assert.Equal("boom", await echo.KeyAsync());
    }

    [Fact]
    public async Task State_survives_a_full_cluster_restart_on_sqlite()
    {
        var options = Sqlite();
        await using (var first = await Clusters.StartAsync(2, options))
        {
            for (var i = 0; i < 10; i++)
                await first.Client.Get<IAccountActor>($"t/{i}").DepositAsync(i);
        }

        options.ClusterId += "-again";
        await using var second = await Clusters.StartAsync(1, options);
        for (var i = 0; i < 10; i++)
            Assert.Equal(i, await second.Client.Get<IAccountActor>($"t/{i}").BalanceAsync());
    }

    [Fact]
    public async Task Membership_shrinks_from_three_to_two_and_grows_to_four_with_every_actor_reachable()
    {
        var journal = new Journal();
        await using var cluster = await Clusters.StartAsync(3, Sqlite(journal));
        var keys = Enumerable.Range(0, 40).Select(i => $"m/{i}").ToList();
        foreach (var key in keys)
            await cluster.Client.Get<IAccountActor>(key).DepositAsync(10);

        await cluster.StopSiloAsync(cluster.Silos[1]);
        await cluster.WaitForMembershipAsync();
        await AssertAllReachableOnce(cluster, keys, expected: 20);

        await cluster.StartSiloAsync();
        await cluster.StartSiloAsync();
        await cluster.WaitForMembershipAsync();
        Assert.Equal(4, cluster.Silos.Count);
        await AssertAllReachableOnce(cluster, keys, expected: 30);
        Assert.Contains(journal.Entries, e => e.EndsWith("OwnershipMoved", StringComparison.Ordinal));
    }

    private static async Task AssertAllReachableOnce(TestCluster cluster, List<string> keys, int expected)
    {
        foreach (var key in keys)
            Assert.Equal(expected, await cluster.Client.Get<IAccountActor>(key).DepositAsync(10));
        // Deactivation of moved activations is asynchronous; give it a moment to finish.
        await Scheduling.LifecycleTests.WaitUntil(() => keys.All(k => Hosting<IAccountActor>(cluster.Silos, k) == 1));
    }

    [Fact]
    public async Task A_killed_silo_is_declared_dead_and_its_actors_come_back_elsewhere_with_their_state()
    {
        await using var cluster = await Clusters.StartAsync(3, Sqlite());
        var keys = Enumerable.Range(0, 30).Select(i => $"k/{i}").ToList();
        foreach (var key in keys)
            await cluster.Client.Get<IAccountActor>(key).DepositAsync(7);

        var victim = cluster.Silos[2];
        await cluster.KillSiloAsync(victim);
        var started = DateTime.UtcNow;
        foreach (var key in keys)
            Assert.Equal(14, await cluster.Client.Get<IAccountActor>(key).DepositAsync(7));

        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(10), "calls resumed within 10 s");
        await cluster.WaitForMembershipAsync();
    }

    [Fact]
    public async Task An_unknown_storage_provider_fails_with_a_clear_error()
    {
        var options = Clusters.Options(provider: "cassandra");
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => Clusters.StartAsync(1, options));
        Assert.Contains("Actors:Storage:Provider", error.Message);
    }

    public void Dispose() => _database.Dispose();
}

using Actors.Invocation;
using Actors.Membership;
using Actors.Persistence.Relational;
using Actors.Messaging;
using Actors.Persistence.Sqlite;
using Actors.Placement;
using Actors.Testing;
using Actors.Tests.Fixtures;
using Microsoft.Extensions.Logging.Abstractions;
using static Actors.Tests.Scheduling.LifecycleTests;

namespace Actors.Tests.Cluster;

public sealed class FailureTests : IDisposable
{
    private readonly TempDatabase _database = new();

    [Fact]
    public async Task A_duplicate_activation_cannot_lose_an_update_the_stale_writer_is_refused_and_the_call_retried()
    {
        await using var cluster = await Clusters.StartAsync(2, Clusters.Options(null, "sqlite", _database.ConnectionString));
        var kind = ActorInterfaceRegistry.Get(typeof(IAccountActor));
        var owner = cluster.Silos[1];
        var key = Enumerable.Range(0, 200).Select(i => $"dup/{i}").First(k => OwnerOf(cluster, new ActorId(kind.Kind, k)) == owner.Address);
        var account = cluster.Client.Get<IAccountActor>(key);
        Assert.Equal(1, await account.DepositAsync(1)); // the owner's activation now holds version v1

        // Force a second activation on the non-owner (a call that exhausted its forwarding hops runs where it lands),
        // as happens briefly while two silos disagree about ownership.
        var deposit = Capture(kind, key, p => ((IAccountActor)p).DepositAsync(1));
        await using (var pool = new ConnectionPool(NullLogger<ConnectionPool>.Instance))
        {
            var connection = await pool.GetAsync(cluster.Silos[0].Address);
            Assert.Equal(2, await connection.CallAsync(new ActorId(kind.Kind, key), deposit, hops: 2, traceParent: null));
        }
        Assert.True(cluster.Silos[0].HostsActivation<IAccountActor>(key));

        // The owner's activation is stale: its write is refused, it deactivates, the call is retried on fresh state.
        Assert.Equal(3, await account.DepositAsync(1));
        Assert.Equal(3, await account.BalanceAsync());
    }

    [Fact]
    public async Task A_silo_declared_dead_stops_serving_at_once_and_its_calls_move()
    {
        await using var cluster = await Clusters.StartAsync(2, Clusters.Options(null, "sqlite", _database.ConnectionString));
        var victim = cluster.Silos[0];
        var table = new RelationalMembershipTable(new SqliteDatabase(_database.ConnectionString), cluster.Options.ClusterId);

        Assert.True(await table.UpdateStatusAsync(victim.Address, SiloStatus.Dead, [SiloStatus.Active], default));

        await WaitUntil(() => !victim.IsServing);
        for (var i = 0; i < 20; i++)
            Assert.Equal(5, await cluster.Client.Get<IAccountActor>($"fence/{i}").DepositAsync(5));
        Assert.Equal(0, victim.ActivationCount);
    }

    internal static SiloAddress? OwnerOf(TestCluster cluster, ActorId id) =>
        new ClusterView(new MembershipSnapshot(0, cluster.Silos
            .Select(s => new SiloEntry(s.Address, SiloStatus.Active, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow)).ToList())).OwnerOf(id);

    internal static ActorRequest Capture(ActorInterfaceInfo info, string key, Func<object, Task> call)
    {
        var capture = new CapturingCaller();
        _ = call(info.CreateProxy(new ActorReference(new ActorId(info.Kind, key), capture)));
        return capture.Request!;
    }

    private sealed class CapturingCaller : IActorCaller
    {
        public ActorRequest? Request { get; private set; }

        public Task<object?> CallAsync(ActorId target, ActorRequest request, CancellationToken cancellationToken)
        {
            Request = request;
            return Task.FromResult<object?>(null);
        }
    }

    public void Dispose() => _database.Dispose();
}

using Actors.Invocation;
using Actors.Testing;
using Actors.Tests.Fixtures;

namespace Actors.Tests.Scheduling;

public sealed class TurnSchedulingTests
{
    [Fact]
    public async Task Non_reentrant_turns_never_interleave()
    {
        await using var cluster = await Clusters.StartAsync(1);
        var counter = cluster.Client.Get<ICounterActor>("c1");

        // Each increment reads, awaits, then writes: interleaved turns would lose updates.
        await Task.WhenAll(Enumerable.Range(0, 200).Select(_ => counter.IncrementAsync()));

        Assert.Equal(200, await counter.GetAsync());
        Assert.Equal(1, await counter.MaxConcurrencyAsync());
    }

    [Fact]
    public async Task Read_only_calls_interleave_with_each_other()
    {
        await using var cluster = await Clusters.StartAsync(1);
        var counter = cluster.Client.Get<ICounterActor>("meet");

        // Each call waits until three are inside at once: only possible if they interleave.
        var met = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => counter.MeetAsync(3)));

        Assert.All(met, n => Assert.Equal(3, n));
    }

    [Fact]
    public async Task A_call_cycle_on_non_reentrant_actors_succeeds_through_call_chain_reentrancy()
    {
        await using var cluster = await Clusters.StartAsync(2);

        var kind = ActorInterfaceRegistry.Get(typeof(ICycleActor)).Kind;
        var keys = Enumerable.Range(0, 100).Select(i => $"c{i}").ToList();
        var onFirst = keys.First(k => Cluster.FailureTests.OwnerOf(cluster, new ActorId(kind, k)) == cluster.Silos[0].Address);
        var onSecond = keys.First(k => Cluster.FailureTests.OwnerOf(cluster, new ActorId(kind, k)) == cluster.Silos[1].Address);
        var sameSilo = keys.Last(k => Cluster.FailureTests.OwnerOf(cluster, new ActorId(kind, k)) == cluster.Silos[0].Address);

        // a → b → a: b's call back into the busy a belongs to a's own call chain, so it is let in,
        // whether b lives on another silo (the chain crosses the wire twice) or on the same one.
        Assert.Equal(onFirst, await cluster.Client.Get<ICycleActor>(onFirst).StartCycleAsync(onSecond));
        Assert.Equal(onFirst, await cluster.Client.Get<ICycleActor>(onFirst).StartCycleAsync(sameSilo));
    }

    [Fact]
    public async Task Two_chains_waiting_on_each_other_fail_with_a_clear_timeout_instead_of_hanging()
    {
        var options = Clusters.Options();
        options.CallTimeout = TimeSpan.FromSeconds(2);
        await using var cluster = await TestCluster.StartAsync(1, Clusters.AllActors, options);

        // Two independent calls: a waits for b while b waits for a. Neither is a re-entry of the other's chain.
        var ab = cluster.Client.Get<ICycleActor>("p").WaitThenCallAsync("q");
        var ba = cluster.Client.Get<ICycleActor>("q").WaitThenCallAsync("p");
        var error = await Assert.ThrowsAsync<ActorCallTimeoutException>(() => Task.WhenAll(ab, ba));

        Assert.Contains("cycle", error.Message);
        Assert.Contains("AlwaysInterleave", error.Message);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Cancelling_a_call_also_cancels_the_actor_work_it_started(bool remote)
    {
        await using var cluster = await Clusters.StartAsync(1);
        var actors = remote ? cluster.Client : cluster.Silos[0].Actors;
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => actors.Get<IEchoActor>("slow").DelayAsync(60_000, cancel.Token));

        // The actor's own delay saw the token: the activation is free again well before its 60 s.
        Assert.Equal("slow", await actors.Get<IEchoActor>("slow").KeyAsync().WaitAsync(TimeSpan.FromSeconds(20)));
    }

    [Fact]
    public async Task A_call_cycle_into_an_AlwaysInterleave_method_succeeds()
    {
        await using var cluster = await Clusters.StartAsync(1);

        var answer = await cluster.Client.Get<ICycleActor>("a").StartInterleavedCycleAsync("b");

        Assert.Equal("a answered b", answer);
    }
}

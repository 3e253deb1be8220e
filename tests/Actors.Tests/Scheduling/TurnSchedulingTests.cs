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
    public async Task A_call_cycle_on_non_reentrant_actors_fails_with_a_clear_timeout()
    {
        var options = Clusters.Options();
        options.CallTimeout = TimeSpan.FromSeconds(2);
        await using var cluster = await TestCluster.StartAsync(1, Clusters.AllActors, options);

        var error = await Assert.ThrowsAsync<ActorCallTimeoutException>(
            () => cluster.Client.Get<ICycleActor>("a").StartCycleAsync("b"));

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

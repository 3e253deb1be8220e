using Actors.Tests.Fixtures;
using static Actors.Tests.Scheduling.LifecycleTests;

namespace Actors.Tests.Reminders;

public sealed class TimerAndReminderTests : IDisposable
{
    private readonly TempDatabase _database = new();

    [Fact]
    public async Task Timer_ticks_are_turns_and_stop_when_disposed()
    {
        await using var cluster = await Clusters.StartAsync(1);
        var ticker = cluster.Client.Get<ITickerActor>("t");
        await ticker.StartTimerAsync(5);

        // Calls and ticks both await inside; they must never overlap.
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (await ticker.TimerTicksAsync() < 10)
            Assert.True(DateTime.UtcNow < deadline, "the timer did not tick");
        await ticker.StopTimerAsync();
        var stopped = await ticker.TimerTicksAsync();
        await Task.Delay(100);

        Assert.Equal(stopped, await ticker.TimerTicksAsync());
        Assert.Equal(1, await ticker.MaxConcurrencyAsync());
    }

    [Fact]
    public async Task A_timer_dies_with_its_activation()
    {
        await using var cluster = await Clusters.StartAsync(1);
        var ticker = cluster.Client.Get<ITickerActor>("dies");
        await ticker.StartTimerAsync(5);
        await ticker.DeactivateAsync();
        await WaitUntil(() => cluster.Silos[0].ActivationCount == 0);

        await Task.Delay(100);

        // A tick would have re-activated it; a new activation starts from zero ticks.
        Assert.Equal(0, cluster.Silos[0].ActivationCount);
        Assert.Equal(0, await ticker.TimerTicksAsync());
    }

    [Fact]
    public async Task A_reminder_survives_deactivation_and_reactivates_its_actor()
    {
        var journal = new Journal();
        await using var cluster = await Clusters.StartAsync(1, Clusters.Options(journal, "sqlite", _database.ConnectionString));
        var ticker = cluster.Client.Get<ITickerActor>("r");
        await ticker.RemindAsync("ping", 200);
        await WaitUntil(() => journal.Entries.Contains("reminder r ping"));

        await ticker.DeactivateAsync();
        await WaitUntil(() => cluster.Silos[0].ActivationCount == 0);
        var before = journal.Entries.Count;
        await WaitUntil(() => journal.Entries.Count > before);

        Assert.True(cluster.Silos[0].HostsActivation<ITickerActor>("r"));
        await ticker.ForgetReminderAsync("ping");
        await Task.Delay(300);
        var after = journal.Entries.Count;
        await Task.Delay(500);
        Assert.Equal(after, journal.Entries.Count);
    }

    [Fact]
    public async Task A_reminder_fires_on_another_silo_after_its_silo_was_killed()
    {
        var journal = new Journal();
        await using var cluster = await Clusters.StartAsync(2, Clusters.Options(journal, "sqlite", _database.ConnectionString));
        var ticker = cluster.Client.Get<ITickerActor>("survivor");
        await ticker.RemindAsync("beat", 200);
        await WaitUntil(() => journal.Entries.Contains("reminder survivor beat"));
        var owner = cluster.Silos.Single(s => s.HostsActivation<ITickerActor>("survivor"));
        var other = cluster.Silos.Single(s => s != owner);

        await cluster.KillSiloAsync(owner);
        var before = journal.Entries.Count;

        await WaitUntil(() => journal.Entries.Count > before + 2, seconds: 30);
        Assert.True(other.HostsActivation<ITickerActor>("survivor"));
    }

    [Fact]
    public async Task A_reminder_on_an_actor_that_cannot_receive_it_is_refused_clearly()
    {
        await using var cluster = await Clusters.StartAsync(1);
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => cluster.Client.Get<ICycleActor>("x").RemindMeAsync());
        Assert.Contains("IRemindable", error.Message);
    }

    public void Dispose() => _database.Dispose();
}

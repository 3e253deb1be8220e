using System.Text;
using Actors.Invocation;
using Actors.Testing;
using Actors.Tests.Fixtures;

namespace Actors.Tests.Scheduling;

public sealed class LifecycleTests
{
    [Fact]
    public async Task The_first_call_activates_and_state_is_loaded_before_the_first_turn()
    {
        var journal = new Journal();
        await using var cluster = await Clusters.StartAsync(1, Clusters.Options(journal));
        var silo = cluster.Silos[0];
        // A record that exists before the actor was ever activated.
        await silo.StateStore.WriteAsync(new ActorId(typeof(IAccountActor).FullName!, "pre"), "account",
            Encoding.UTF8.GetBytes("""{"count":41,"history":["+41"]}"""), null, CancellationToken.None);
        Assert.False(silo.HostsActivation<IAccountActor>("pre"));

        var balance = await cluster.Client.Get<IAccountActor>("pre").BalanceAsync();

        Assert.Equal(41, balance);
        Assert.True(silo.HostsActivation<IAccountActor>("pre"));
        Assert.Contains("activate pre 41", journal.Entries);
    }

    [Fact]
    public async Task Idle_activations_are_collected_and_come_back_with_their_state()
    {
        var journal = new Journal();
        await using var cluster = await TestCluster.StartAsync(1,
            silo => silo.AddActor<IAccountActor, AccountActor>(idleAge: TimeSpan.FromMilliseconds(1)),
            Clusters.Options(journal));
        var account = cluster.Client.Get<IAccountActor>("idle");
        await account.DepositAsync(5);
        await Task.Delay(20);

        var collected = cluster.Silos[0].CollectIdleActivations();

        Assert.Equal(1, collected);
        await WaitUntil(() => journal.Entries.Contains("deactivate idle IdleCollected"));
        Assert.Equal(0, cluster.Silos[0].ActivationCount);
        Assert.Equal(5, await account.BalanceAsync());
        Assert.Equal(2, journal.Entries.Count(e => e.StartsWith("activate idle", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Busy_or_young_activations_are_not_collected()
    {
        await using var cluster = await Clusters.StartAsync(1);
        await cluster.Client.Get<IAccountActor>("young").DepositAsync(1);

        Assert.Equal(0, cluster.Silos[0].CollectIdleActivations());
        Assert.Equal(1, cluster.Silos[0].ActivationCount);
    }

    [Fact]
    public async Task Above_the_cap_the_least_recently_used_activations_are_deactivated()
    {
        var options = Clusters.Options();
        options.Configuration["Actors:Activations:MaxActivations"] = "10";
        await using var cluster = await TestCluster.StartAsync(1, Clusters.AllActors, options);
        for (var i = 0; i < 20; i++)
            await cluster.Client.Get<IEchoActor>($"e{i}").PingAsync();
        await Task.Delay(20);
        await cluster.Client.Get<IEchoActor>("e0").PingAsync(); // most recently used

        cluster.Silos[0].CollectIdleActivations();
        await WaitUntil(() => cluster.Silos[0].ActivationCount <= 9);

        Assert.True(cluster.Silos[0].HostsActivation<IEchoActor>("e0"));
        Assert.False(cluster.Silos[0].HostsActivation<IEchoActor>("e1"));
    }

    [Fact]
    public async Task Under_memory_pressure_a_tenth_of_the_idle_activations_are_shed()
    {
        var options = Clusters.Options();
        options.Configuration["Actors:Activations:MemoryLoadLimitPercent"] = "0"; // any load counts as pressure
        await using var cluster = await TestCluster.StartAsync(1, Clusters.AllActors, options);
        for (var i = 0; i < 50; i++)
            await cluster.Client.Get<IEchoActor>($"p{i}").PingAsync();

        var shed = cluster.Silos[0].CollectIdleActivations();

        Assert.Equal(5, shed);
        await WaitUntil(() => cluster.Silos[0].ActivationCount == 45);
        Assert.False(cluster.Silos[0].HostsActivation<IEchoActor>("p0"));
    }

    [Fact]
    public async Task DeactivateOnIdle_runs_the_hook_and_the_next_call_reactivates()
    {
        var journal = new Journal();
        await using var cluster = await Clusters.StartAsync(1, Clusters.Options(journal));
        var account = cluster.Client.Get<IAccountActor>("bye");
        await account.DepositAsync(3);

        await account.DeactivateAsync();
        await WaitUntil(() => journal.Entries.Contains("deactivate bye Requested"));

        Assert.Equal(3, await account.BalanceAsync());
    }

    internal static async Task WaitUntil(Func<bool> condition, int seconds = 20)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException("The condition did not become true in time.");
            await Task.Delay(10);
        }
    }
}

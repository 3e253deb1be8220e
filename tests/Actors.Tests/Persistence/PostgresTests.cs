using Actors.Testing;
using Actors.Tests.Fixtures;

namespace Actors.Tests.Persistence;

/// <summary>A cluster on PostgreSQL, started by the test from Debian's package (installed by ./test.sh).</summary>
public sealed class PostgresTests
{
    [Fact]
    public async Task A_cluster_on_postgres_keeps_state_reminders_and_membership()
    {
        var journal = new Journal();
        var options = Clusters.Options(journal, "postgres", PostgresServer.Shared.CreateDatabase());
        await using (var cluster = await Clusters.StartAsync(2, options))
        {
            for (var i = 0; i < 20; i++)
                Assert.Equal(i, await cluster.Client.Get<IAccountActor>($"pg/{i}").DepositAsync(i));
            await cluster.Client.Get<ITickerActor>("pg-ticker").RemindAsync("pg", 200);
            await Scheduling.LifecycleTests.WaitUntil(() => journal.Entries.Contains("reminder pg-ticker pg"));
            await cluster.StopSiloAsync(cluster.Silos[0]);
            await cluster.WaitForMembershipAsync();
            Assert.Equal(7, await cluster.Client.Get<IAccountActor>("pg/7").BalanceAsync());
            await cluster.Client.Get<ITickerActor>("pg-ticker").ForgetReminderAsync("pg");
        }

        options.ClusterId += "-restarted";
        await using var restarted = await TestCluster.StartAsync(1, Clusters.AllActors, options);
        for (var i = 0; i < 20; i++)
            Assert.Equal(i, await restarted.Client.Get<IAccountActor>($"pg/{i}").BalanceAsync());
    }
}

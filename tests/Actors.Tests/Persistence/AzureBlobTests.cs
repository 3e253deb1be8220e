using Actors.AzureBlob;
using Actors.Testing;
using Actors.Tests.Fixtures;

namespace Actors.Tests.Persistence;

/// <summary>A cluster whose actor state lives in Azurite (npm, installed by ./test.sh).</summary>
public sealed class AzureBlobTests
{
    [Fact]
    public async Task A_cluster_with_blob_state_keeps_state_and_refuses_a_stale_writer()
    {
        var container = "c" + Guid.NewGuid().ToString("N");
        void Silo(Hosting.ActorSiloBuilder silo) => Clusters.AllActors(silo.UseAzureBlobState(AzuriteServer.Shared.ConnectionString, container));
        await using (var cluster = await TestCluster.StartAsync(2, Silo, Clusters.Options()))
        {
            for (var i = 0; i < 10; i++)
                Assert.Equal(i + 1, await cluster.Client.Get<IAccountActor>($"blob/{i}").DepositAsync(i + 1));
            await cluster.Client.Get<IAccountActor>("blob/3").ForgetAsync();
        }

        await using var restarted = await TestCluster.StartAsync(1, Silo, Clusters.Options());
        Assert.Equal(0, await restarted.Client.Get<IAccountActor>("blob/3").BalanceAsync());
        for (var i = 4; i < 10; i++)
            Assert.Equal(i + 1, await restarted.Client.Get<IAccountActor>($"blob/{i}").BalanceAsync());
    }
}

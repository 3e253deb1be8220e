using Crm.AppHost.Networking;
using Crm.Tests.Shared;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime;
using Orleans.Storage.TestSilo;
using Orleans.Storage.Tests.Fixtures;
using Orleans.Storage.Tests.Harness;

namespace Orleans.Storage.Tests.Contracts;

/// <summary>
/// Real silo processes, configured only through Orleans__ variables as the services are, over one store form one
/// cluster: they find each other in its membership table, a client finds them as gateways there, grain state lives
/// there, and when a silo is killed (here the oldest, the first to have joined) the other declares it dead and takes
/// over its grains with their stored state.
/// </summary>
public abstract class ClusterContract<TBackend>(TBackend backend)
    where TBackend : IStorageBackend
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Two_silo_processes_form_one_cluster_and_survive_the_oldest_being_killed()
    {
        var clusterId = "cluster-" + Guid.NewGuid().ToString("N");
        // Both start at once on a store no one has used yet: they race to create the tables.
        var firstSettings = SiloSettings(clusterId);
        await using var first = SiloProcess.Start(firstSettings);
        await using var second = SiloProcess.Start(SiloSettings(clusterId));
        await Task.WhenAll(first.ReadyAsync(), second.ReadyAsync());
        await using var observer = ConfiguredHost.Silo(clusterId, backend.Settings());
        var table = await observer.MembershipTableAsync();
        var active = await Eventually(table, data => data.Members.Count(m => m.Item1.Status == SiloStatus.Active) == 2, "both silos active");
        var oldest = active.Members.Select(m => m.Item1).MinBy(m => m.StartTime)!.SiloAddress;

        await using var client = ConfiguredHost.Client(clusterId, backend.Settings());
        await client.StartAsync();
        var grains = client.Services.GetRequiredService<IClusterClient>();
        var onOldest = await GrainOn(grains, oldest);
        Assert.Equal(1, await onOldest.Increment());
        Assert.Equal(2, await onOldest.Increment());

        var oldestIsFirst = oldest.Endpoint.Port.ToString(System.Globalization.CultureInfo.InvariantCulture) == firstSettings["Orleans:Endpoints:SiloPort"];
        await (oldestIsFirst ? first : second).KillAsync();

        await Eventually(table, data => data.Members.Any(m => m.Item1.SiloAddress.Equals(oldest) && m.Item1.Status == SiloStatus.Dead), "the killed silo declared dead");
        // The grain comes back on the surviving silo with the count it had stored.
        Assert.Equal(3, await Call(() => onOldest.Increment()));
        Assert.NotEqual(oldest.ToString(), await Call(() => onOldest.Silo()));
    }

    private Dictionary<string, string?> SiloSettings(string clusterId) =>
        new(backend.Settings("Default"))
        {
            ["Orleans:ClusterId"] = clusterId,
            ["Orleans:ServiceId"] = clusterId,
            ["Orleans:Endpoints:AdvertisedIPAddress"] = "127.0.0.1",
            ["Orleans:Endpoints:SiloPort"] = LoopbackPorts.AllocateOne().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Orleans:Endpoints:GatewayPort"] = LoopbackPorts.AllocateOne().ToString(System.Globalization.CultureInfo.InvariantCulture),
            // Fast failure detection, so a killed silo is declared dead within seconds.
            ["Orleans:Membership:ProbeTimeout"] = "00:00:01",
            ["Orleans:Membership:NumMissedProbesLimit"] = "2",
            ["Orleans:Membership:NumVotesForDeathDeclaration"] = "1",
        };

    private static async Task<ICounterGrain> GrainOn(IClusterClient grains, SiloAddress silo)
    {
        // Grains are placed at random: try keys until one lands on the silo wanted.
        for (var i = 0; i < 200; i++)
        {
            var grain = grains.GetGrain<ICounterGrain>("counter-" + Guid.NewGuid().ToString("N"));
            if (await grain.Silo() == silo.ToString())
                return grain;
        }
        throw new InvalidOperationException($"No grain of 200 was placed on {silo}.");
    }

    /// <summary>Reads the membership table until <paramref name="condition"/> holds, or fails with what it last read.</summary>
    private static async Task<MembershipTableData> Eventually(IMembershipTable table, Func<MembershipTableData, bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + Deadline;
        while (true)
        {
            var data = await table.ReadAllAsync();
            if (condition(data))
                return data;
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"Not within {Deadline}: {what}. The table: {data}");
            await Task.Delay(TimeSpan.FromMilliseconds(100));
        }
    }

    /// <summary>
    /// A call made while the cluster settles after a death: it is repeated on Orleans' rejections (the client may still
    /// route to the dead silo for a moment) until it succeeds or the deadline passes.
    /// </summary>
    private static async Task<T> Call<T>(Func<Task<T>> call)
    {
        var deadline = DateTime.UtcNow + Deadline;
        while (true)
        {
            try
            {
                return await call();
            }
            catch (Exception e) when (e is OrleansException or TimeoutException && DateTime.UtcNow < deadline)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(100));
            }
        }
    }

}

using System.Net;
using Orleans.Runtime;
using Orleans.Storage.Tests.Contracts;
using Orleans.Storage.Tests.Harness;

namespace Orleans.Storage.Tests.Sqlite;

/// <summary>What the SQLite providers promise beyond Orleans' contracts (which Orleans' own providers do not all keep).</summary>
public sealed class SqliteStricterTests(SqliteBackend backend) : IClassFixture<SqliteBackend>
{
    [Fact]
    public async Task A_membership_update_with_a_stale_row_etag_is_refused_even_on_the_current_table_version()
    {
        await using var silo = ConfiguredHost.Silo("strict-" + Guid.NewGuid().ToString("N"), backend.Settings());
        var table = await silo.MembershipTableAsync();
        var entry = new MembershipEntry
        {
            SiloAddress = SiloAddress.New(new IPEndPoint(IPAddress.Loopback, 11111), 1),
            HostName = "host", SiloName = "silo", Status = SiloStatus.Joining, SuspectTimes = [],
            StartTime = DateTime.UtcNow, IAmAliveTime = DateTime.UtcNow,
        };
        Assert.True(await table.InsertRowAsync(entry, (await table.ReadAllAsync()).Version.Next()));
        var stale = (await table.ReadAllAsync()).TryGet(entry.SiloAddress)!.Item2;
        Assert.True(await table.UpdateRowAsync(entry, stale, (await table.ReadAllAsync()).Version.Next()));

        Assert.False(await table.UpdateRowAsync(entry, stale, (await table.ReadAllAsync()).Version.Next()));
    }

    [Fact]
    public async Task Grain_state_is_kept_apart_by_service_id_and_provider_name()
    {
        var grain = GrainId.Create("profile-grain", Guid.NewGuid().ToString("N"));
        await using var service = ConfiguredHost.Silo("service-" + Guid.NewGuid().ToString("N"), backend.Settings("One", "Two"));
        await using var otherService = ConfiguredHost.Silo("service-" + Guid.NewGuid().ToString("N"), backend.Settings("One"));
        var one = await service.GrainStorageAsync("One");
        await one.WriteStateAsync("profile", grain, new ProfileState(new Profile { Name = "one" }));

        foreach (var storage in new[] { await service.GrainStorageAsync("Two"), await otherService.GrainStorageAsync("One") })
        {
            var state = new ProfileState();
            await storage.ReadStateAsync("profile", grain, state);
            Assert.False(state.RecordExists);
        }
    }
}

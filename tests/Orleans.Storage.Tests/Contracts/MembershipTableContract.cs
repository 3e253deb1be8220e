using System.Net;
using Orleans.Runtime;
using Orleans.Storage.Tests.Harness;

namespace Orleans.Storage.Tests.Contracts;

/// <summary>
/// What Orleans' cluster membership relies on from an <see cref="IMembershipTable"/> and the clients'
/// <see cref="IGatewayListProvider"/>: every change is conditional on the table version the silo read (and, for an
/// update, on the row's ETag), so a silo acting on a stale view is refused. Each test uses a cluster id of its own.
/// </summary>
public abstract class MembershipTableContract<TBackend>(TBackend backend) : IAsyncLifetime
    where TBackend : IStorageBackend
{
    private static int _generation;
    private readonly string _clusterId = "membership-" + Guid.NewGuid().ToString("N");
    private ConfiguredHost _silo = null!;
    private IMembershipTable _table = null!;

    public async Task InitializeAsync()
    {
        _silo = ConfiguredHost.Silo(_clusterId, backend.Settings());
        _table = await _silo.MembershipTableAsync();
    }

    public async Task DisposeAsync()
    {
        await _table.DeleteMembershipTableEntriesAsync(_clusterId);
        await _silo.DisposeAsync();
    }

    [Fact]
    public async Task A_new_table_is_empty_at_version_zero()
    {
        var data = await _table.ReadAllAsync();

        Assert.Empty(data.Members);
        Assert.Equal(0, data.Version.Version);
        Assert.NotNull(data.Version.VersionEtag);
    }

    [Fact]
    public async Task An_inserted_row_reads_back_whole_and_advances_the_version()
    {
        var entry = NewEntry();
        var before = (await _table.ReadAllAsync()).Version;

        Assert.True(await _table.InsertRowAsync(entry, before.Next()));

        var all = await _table.ReadAllAsync();
        var row = Assert.Single(all.Members);
        Assert.Equal(entry.ToFullString(), row.Item1.ToFullString());
        Assert.False(string.IsNullOrEmpty(row.Item2));
        Assert.Equal(1, all.Version.Version);
        var one = await _table.ReadRowAsync(entry.SiloAddress);
        Assert.Equal(entry.ToFullString(), Assert.Single(one.Members).Item1.ToFullString());
        Assert.Equal(all.Version, one.Version);
    }

    [Fact]
    public async Task ReadRow_of_an_unknown_silo_gives_the_version_and_no_row()
    {
        Assert.True(await _table.InsertRowAsync(NewEntry(), (await _table.ReadAllAsync()).Version.Next()));

        var data = await _table.ReadRowAsync(NewEntry().SiloAddress);

        Assert.Empty(data.Members);
        Assert.Equal(1, data.Version.Version);
    }

    [Fact]
    public async Task An_insert_based_on_a_stale_table_version_is_refused()
    {
        var read = (await _table.ReadAllAsync()).Version;
        Assert.True(await _table.InsertRowAsync(NewEntry(), read.Next()));

        // Another silo that read the table before that insert tries to insert itself with what it read.
        Assert.False(await _table.InsertRowAsync(NewEntry(), read.Next()));

        var data = await _table.ReadAllAsync();
        Assert.Single(data.Members);
        Assert.Equal(1, data.Version.Version);
    }

    [Fact]
    public async Task A_duplicate_insert_is_refused_and_leaves_the_version()
    {
        var entry = NewEntry();
        Assert.True(await _table.InsertRowAsync(entry, (await _table.ReadAllAsync()).Version.Next()));
        var read = (await _table.ReadAllAsync()).Version;

        Assert.False(await _table.InsertRowAsync(entry, read.Next()));

        var data = await _table.ReadAllAsync();
        Assert.Single(data.Members);
        Assert.Equal(read.Version, data.Version.Version);
    }

    [Fact]
    public async Task An_update_needs_the_rows_current_etag_and_the_next_table_version()
    {
        var entry = NewEntry();
        Assert.True(await _table.InsertRowAsync(entry, (await _table.ReadAllAsync()).Version.Next()));
        var read = await _table.ReadAllAsync();
        var etag = read.TryGet(entry.SiloAddress)!.Item2;
        entry.Status = SiloStatus.Active;

        Assert.True(await _table.UpdateRowAsync(entry, etag, read.Version.Next()));
        var after = await _table.ReadAllAsync();
        Assert.False(await _table.UpdateRowAsync(entry, etag, after.Version.Next()), "the row's ETag from before the update");
        Assert.False(await _table.UpdateRowAsync(entry, after.TryGet(entry.SiloAddress)!.Item2, read.Version.Next()), "a table version from before the update");

        var final = await _table.ReadAllAsync();
        var row = final.TryGet(entry.SiloAddress)!;
        Assert.Equal(SiloStatus.Active, row.Item1.Status);
        Assert.NotEqual(etag, row.Item2);
        Assert.Equal(after.TryGet(entry.SiloAddress)!.Item2, row.Item2);
        Assert.Equal(read.Version.Version + 1, final.Version.Version);
    }

    [Fact]
    public async Task Suspicion_votes_written_with_UpdateRow_read_back()
    {
        var suspect = NewEntry();
        suspect.Status = SiloStatus.Active;
        Assert.True(await _table.InsertRowAsync(suspect, (await _table.ReadAllAsync()).Version.Next()));
        var voters = new[] { NewEntry().SiloAddress, NewEntry().SiloAddress };

        foreach (var voter in voters)
        {
            var read = await _table.ReadAllAsync();
            var (row, etag) = read.TryGet(suspect.SiloAddress)!;
            row.AddOrUpdateSuspector(voter, Now(), maxVotes: 2);
            Assert.True(await _table.UpdateRowAsync(row, etag, read.Version.Next()));
        }

        var votes = (await _table.ReadRowAsync(suspect.SiloAddress)).Members.Single().Item1.SuspectTimes;
        Assert.NotNull(votes);
        Assert.Equal(voters, votes.Select(vote => vote.Item1));
        Assert.All(votes, vote => Assert.True((Now() - vote.Item2).Duration() < TimeSpan.FromMinutes(1)));
    }

    [Fact]
    public async Task Concurrent_updates_of_one_row_all_land_one_at_a_time()
    {
        var entry = NewEntry();
        Assert.True(await _table.InsertRowAsync(entry, (await _table.ReadAllAsync()).Version.Next()));
        const int updaters = 8;
        var deadline = DateTime.UtcNow.AddSeconds(60);

        await Task.WhenAll(Enumerable.Range(0, updaters).Select(_ => Task.Run(async () =>
        {
            // Each updater retries on a fresh read until its own update lands, as a silo does.
            while (true)
            {
                Assert.True(DateTime.UtcNow < deadline, "an updater never got its update in");
                var read = await _table.ReadAllAsync();
                var (row, etag) = read.TryGet(entry.SiloAddress)!;
                row.IAmAliveTime = Now();
                if (await _table.UpdateRowAsync(row, etag, read.Version.Next()))
                    return;
            }
        })));

        Assert.Equal(1 + updaters, (await _table.ReadAllAsync()).Version.Version);
    }

    [Fact]
    public async Task IAmAlive_updates_the_time_and_leaves_the_version()
    {
        var entry = NewEntry();
        Assert.True(await _table.InsertRowAsync(entry, (await _table.ReadAllAsync()).Version.Next()));
        var alive = Now().AddSeconds(5);

        await _table.UpdateIAmAliveAsync(new MembershipEntry { SiloAddress = entry.SiloAddress, IAmAliveTime = alive });

        var data = await _table.ReadAllAsync();
        Assert.True((alive - data.Members.Single().Item1.IAmAliveTime).Duration() < TimeSpan.FromSeconds(1));
        Assert.Equal(1, data.Version.Version);
    }

    [Fact]
    public async Task Cleanup_removes_dead_entries_last_updated_before_the_date()
    {
        var old = Now().AddDays(-10);
        var oldDead = NewEntry(SiloStatus.Dead, old);
        var oldActive = NewEntry(SiloStatus.Active, old);
        var recentDead = NewEntry(SiloStatus.Dead, Now());
        foreach (var entry in new[] { oldDead, oldActive, recentDead })
            Assert.True(await _table.InsertRowAsync(entry, (await _table.ReadAllAsync()).Version.Next()));

        await _table.CleanupDefunctSiloEntriesAsync(old.AddDays(3));

        var left = (await _table.ReadAllAsync()).Members.Select(row => row.Item1.SiloAddress).ToList();
        Assert.DoesNotContain(oldDead.SiloAddress, left);
        Assert.Contains(oldActive.SiloAddress, left);
        Assert.Contains(recentDead.SiloAddress, left);
    }

    [Fact]
    public async Task Deleting_the_clusters_entries_empties_its_table()
    {
        Assert.True(await _table.InsertRowAsync(NewEntry(), (await _table.ReadAllAsync()).Version.Next()));

        await _table.DeleteMembershipTableEntriesAsync(_clusterId);

        Assert.Empty((await _table.ReadAllAsync()).Members);
    }

    [Fact]
    public async Task Clusters_sharing_the_store_never_see_each_others_rows()
    {
        var otherId = "membership-" + Guid.NewGuid().ToString("N");
        await using var otherSilo = ConfiguredHost.Silo(otherId, backend.Settings());
        var other = await otherSilo.MembershipTableAsync();
        try
        {
            Assert.True(await other.InsertRowAsync(NewEntry(), (await other.ReadAllAsync()).Version.Next()));

            var mine = await _table.ReadAllAsync();
            Assert.Empty(mine.Members);
            Assert.Equal(0, mine.Version.Version);
        }
        finally
        {
            await other.DeleteMembershipTableEntriesAsync(otherId);
        }
    }

    [Fact]
    public async Task A_client_is_given_the_active_silos_that_have_a_gateway()
    {
        var entries = Enumerable.Range(0, 6).Select(_ => NewEntry()).ToArray();
        entries[1].Status = SiloStatus.Active;
        entries[2].Status = SiloStatus.Active;
        entries[3].Status = SiloStatus.Active;
        entries[3].ProxyPort = 0; // active, but takes no client connections
        entries[4].Status = SiloStatus.Dead;
        foreach (var entry in entries)
            Assert.True(await _table.InsertRowAsync(entry, (await _table.ReadAllAsync()).Version.Next()));
        await using var client = ConfiguredHost.Client(_clusterId, backend.Settings());
        var provider = await client.GatewayListProviderAsync();

        var gateways = await provider.GetGatewaysAsync();

        Assert.Equal(
            new[] { entries[1], entries[2] }.Select(GatewayUri).Order(),
            gateways.Select(uri => uri.ToString()).Order());
    }

    private static string GatewayUri(MembershipEntry entry) =>
        SiloAddress.New(new IPEndPoint(entry.SiloAddress.Endpoint.Address, entry.ProxyPort), entry.SiloAddress.Generation).ToGatewayUri().ToString();

    private static MembershipEntry NewEntry(SiloStatus status, DateTime lastUpdate)
    {
        var entry = NewEntry();
        entry.Status = status;
        entry.StartTime = entry.IAmAliveTime = lastUpdate;
        return entry;
    }

    private static MembershipEntry NewEntry()
    {
        var generation = Interlocked.Increment(ref _generation);
        var port = 20000 + generation % 10000;
        return new MembershipEntry
        {
            SiloAddress = SiloAddress.New(new IPEndPoint(IPAddress.Loopback, port), generation),
            HostName = "test-host",
            SiloName = "silo-" + generation,
            Status = SiloStatus.Joining,
            ProxyPort = port + 10000,
            SuspectTimes = [], // as a silo writes its own entry
            StartTime = Now(),
            IAmAliveTime = Now(),
        };
    }

    // Whole seconds: every store keeps at least that precision.
    private static DateTime Now()
    {
        var now = DateTime.UtcNow;
        return new DateTime(now.Ticks - now.Ticks % TimeSpan.TicksPerSecond, DateTimeKind.Utc);
    }
}

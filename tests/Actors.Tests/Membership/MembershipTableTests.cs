using Actors.Membership;
using Actors.Membership.Memory;
using Actors.Persistence.Postgres;
using Actors.Persistence.Relational;
using Actors.Persistence.Sqlite;
using Actors.Tests.Fixtures;

namespace Actors.Tests.Membership;

public sealed class MembershipTableTests : IDisposable
{
    private readonly TempDatabase _database = new();

    public static TheoryData<string> Providers => ["memory", "sqlite", "postgres"];

    private IMembershipTable Create(string provider, string cluster = "c1") => provider switch
    {
        "memory" => new InMemoryMembershipTable(),
        "sqlite" => new RelationalMembershipTable(new SqliteDatabase(_database.ConnectionString), cluster),
        _ => new RelationalMembershipTable(new PostgresDatabase(PostgresServer.Shared.CreateDatabase()), cluster),
    };

    private static SiloEntry Entry(int port, SiloStatus status = SiloStatus.Joining) =>
        new(new SiloAddress("127.0.0.1", port, 1000 + port), status, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow);

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Every_status_change_bumps_the_version_and_heartbeats_do_not(string provider)
    {
        var table = Create(provider);
        var start = (await table.ReadAllAsync(default)).Version;
        var silo = Entry(1);

        await table.InsertAsync(silo, default);
        Assert.True(await table.UpdateStatusAsync(silo.Address, SiloStatus.Active, [SiloStatus.Joining], default));
        var afterJoin = await table.ReadAllAsync(default);
        var beat = DateTimeOffset.UtcNow.AddSeconds(5);
        await table.HeartbeatAsync(silo.Address, beat, default);
        var afterBeat = await table.ReadAllAsync(default);

        Assert.Equal(start + 2, afterJoin.Version);
        Assert.Equal(afterJoin.Version, afterBeat.Version);
        var row = Assert.Single(afterBeat.Silos);
        Assert.Equal(SiloStatus.Active, row.Status);
        Assert.Equal(beat.ToUnixTimeMilliseconds(), row.HeartbeatAt.ToUnixTimeMilliseconds());
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_status_change_from_an_unexpected_status_is_refused(string provider)
    {
        var table = Create(provider);
        var silo = Entry(2, SiloStatus.Active);
        await table.InsertAsync(silo, default);
        Assert.True(await table.UpdateStatusAsync(silo.Address, SiloStatus.Dead, [SiloStatus.Active], default));

        // A dead silo never comes back to Active: that is what makes fencing safe.
        Assert.False(await table.UpdateStatusAsync(silo.Address, SiloStatus.Active, [SiloStatus.Joining, SiloStatus.ShuttingDown], default));
        Assert.Equal(SiloStatus.Dead, Assert.Single((await table.ReadAllAsync(default)).Silos).Status);
    }

    [Fact]
    public async Task Clusters_sharing_one_sqlite_file_do_not_see_each_other()
    {
        await Create("sqlite", "one").InsertAsync(Entry(3), default);
        await Create("sqlite", "two").InsertAsync(Entry(4), default);

        Assert.Equal(3, Assert.Single((await Create("sqlite", "one").ReadAllAsync(default)).Silos).Address.Port);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Cleanup_removes_only_old_dead_rows(string provider)
    {
        var table = Create(provider);
        var old = Entry(5, SiloStatus.Active) with { HeartbeatAt = DateTimeOffset.UtcNow.AddHours(-2) };
        await table.InsertAsync(old, default);
        await table.InsertAsync(Entry(6, SiloStatus.Active), default);
        await table.UpdateStatusAsync(old.Address, SiloStatus.Dead, [SiloStatus.Active], default);

        await table.CleanupAsync(DateTimeOffset.UtcNow.AddHours(-1), default);

        Assert.Equal(6, Assert.Single((await table.ReadAllAsync(default)).Silos).Address.Port);
    }

    public void Dispose() => _database.Dispose();
}

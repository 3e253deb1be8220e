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

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_vote_is_kept_per_voter_with_its_time_and_does_not_change_the_version(string provider)
    {
        var table = Create(provider);
        var (suspect, first, second) = (Entry(11, SiloStatus.Active), Entry(12, SiloStatus.Active), Entry(13, SiloStatus.Active));
        foreach (var entry in new[] { suspect, first, second })
            await table.InsertAsync(entry, default);
        var version = (await table.ReadAllAsync(default)).Version;
        var at = DateTimeOffset.UtcNow;

        Assert.True(await table.SuspectAsync(suspect.Address, first.Address, at.AddSeconds(-5), declareDead: false, version, default));
        Assert.True(await table.SuspectAsync(suspect.Address, first.Address, at, declareDead: false, version, default)); // renewed, not added
        Assert.True(await table.SuspectAsync(suspect.Address, second.Address, at.AddSeconds(1), declareDead: false, version, default));

        var snapshot = await table.ReadAllAsync(default);
        Assert.Equal(version, snapshot.Version);
        var row = snapshot.Silos.Single(s => s.Address == suspect.Address);
        Assert.Equal(SiloStatus.Active, row.Status);
        Assert.Equal(
            [(first.Address, at.ToUnixTimeMilliseconds()), (second.Address, at.AddSeconds(1).ToUnixTimeMilliseconds())],
            row.Suspicions.OrderBy(v => v.Voter.Port).Select(v => (v.Voter, v.At.ToUnixTimeMilliseconds())).ToList());
        Assert.All(snapshot.Silos.Where(s => s.Address != suspect.Address), s => Assert.Empty(s.Suspicions));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_vote_decided_on_an_older_version_or_against_an_unknown_silo_changes_nothing(string provider)
    {
        var table = Create(provider);
        var (suspect, voter) = (Entry(21, SiloStatus.Active), Entry(22, SiloStatus.Active));
        await table.InsertAsync(suspect, default);
        var stale = (await table.ReadAllAsync(default)).Version;
        await table.InsertAsync(voter, default);
        var current = (await table.ReadAllAsync(default)).Version;

        Assert.False(await table.SuspectAsync(suspect.Address, voter.Address, DateTimeOffset.UtcNow, declareDead: false, stale, default));
        Assert.False(await table.SuspectAsync(suspect.Address, voter.Address, DateTimeOffset.UtcNow, declareDead: true, stale, default));
        Assert.False(await table.SuspectAsync(Entry(29).Address, voter.Address, DateTimeOffset.UtcNow, declareDead: false, current, default));

        var snapshot = await table.ReadAllAsync(default);
        Assert.Equal(current, snapshot.Version);
        Assert.All(snapshot.Silos, s => Assert.Equal(SiloStatus.Active, s.Status));
        Assert.All(snapshot.Silos, s => Assert.Empty(s.Suspicions));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task The_vote_that_completes_the_quorum_declares_the_silo_dead_and_bumps_the_version(string provider)
    {
        var table = Create(provider);
        var (suspect, voter) = (Entry(31, SiloStatus.Active), Entry(32, SiloStatus.Active));
        await table.InsertAsync(suspect, default);
        await table.InsertAsync(voter, default);
        var version = (await table.ReadAllAsync(default)).Version;

        Assert.True(await table.SuspectAsync(suspect.Address, voter.Address, DateTimeOffset.UtcNow, declareDead: true, version, default));

        var snapshot = await table.ReadAllAsync(default);
        Assert.Equal(version + 1, snapshot.Version);
        var row = snapshot.Silos.Single(s => s.Address == suspect.Address);
        Assert.Equal(SiloStatus.Dead, row.Status);
        Assert.Equal(voter.Address, Assert.Single(row.Suspicions).Voter);
        // Dead is final: a later declaration (even on the current version) finds nothing to change.
        Assert.False(await table.SuspectAsync(suspect.Address, voter.Address, DateTimeOffset.UtcNow, declareDead: true, version + 1, default));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Two_silos_declaring_each_other_dead_at_the_same_moment_cannot_both_win(string provider)
    {
        var table = Create(provider);
        for (var round = 0; round < 10; round++)
        {
            var (a, b) = (Entry(100 + 2 * round, SiloStatus.Active), Entry(101 + 2 * round, SiloStatus.Active));
            await table.InsertAsync(a, default);
            await table.InsertAsync(b, default);
            var version = (await table.ReadAllAsync(default)).Version;

            var results = await Task.WhenAll(
                Task.Run(() => table.SuspectAsync(b.Address, a.Address, DateTimeOffset.UtcNow, declareDead: true, version, default)),
                Task.Run(() => table.SuspectAsync(a.Address, b.Address, DateTimeOffset.UtcNow, declareDead: true, version, default)));

            Assert.Single(results, won => won);
            var snapshot = await table.ReadAllAsync(default);
            Assert.Equal(version + 1, snapshot.Version);
            Assert.Single(snapshot.Silos.Where(s => s.Address == a.Address || s.Address == b.Address), s => s.Status == SiloStatus.Dead);
        }
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Cleanup_removes_old_votes_and_votes_against_removed_silos(string provider)
    {
        var table = Create(provider);
        var (gone, kept, voter) = (Entry(41, SiloStatus.Active) with { HeartbeatAt = DateTimeOffset.UtcNow.AddHours(-2) }, Entry(42, SiloStatus.Active), Entry(43, SiloStatus.Active));
        foreach (var entry in new[] { gone, kept, voter })
            await table.InsertAsync(entry, default);
        var version = (await table.ReadAllAsync(default)).Version;
        Assert.True(await table.SuspectAsync(kept.Address, voter.Address, DateTimeOffset.UtcNow.AddHours(-2), declareDead: false, version, default));
        Assert.True(await table.SuspectAsync(kept.Address, gone.Address, DateTimeOffset.UtcNow, declareDead: false, version, default));
        Assert.True(await table.SuspectAsync(gone.Address, voter.Address, DateTimeOffset.UtcNow, declareDead: true, version, default));

        await table.CleanupAsync(DateTimeOffset.UtcNow.AddHours(-1), default);

        var snapshot = await table.ReadAllAsync(default);
        Assert.DoesNotContain(snapshot.Silos, s => s.Address == gone.Address);
        Assert.Equal(gone.Address, Assert.Single(snapshot.Silos.Single(s => s.Address == kept.Address).Suspicions).Voter);
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task A_database_created_before_votes_existed_still_reads_and_takes_votes(string provider)
    {
        // The schema as it was before suspicion votes: no membership_suspicion table.
        const string OldSchema = """
            CREATE TABLE membership_version (cluster_id TEXT NOT NULL PRIMARY KEY, version BIGINT NOT NULL);
            CREATE TABLE membership (
                cluster_id TEXT NOT NULL, host TEXT NOT NULL, port INTEGER NOT NULL, generation BIGINT NOT NULL,
                status INTEGER NOT NULL, started_at BIGINT NOT NULL, heartbeat_at BIGINT NOT NULL,
                PRIMARY KEY (cluster_id, host, port, generation));
            INSERT INTO membership_version VALUES ('c1', 7);
            INSERT INTO membership VALUES ('c1', '127.0.0.1', 51, 1051, 2, 0, 0), ('c1', '127.0.0.1', 52, 1052, 2, 0, 0);
            """;
        string connectionString;
        System.Data.Common.DbConnection connection;
        if (provider == "sqlite")
        {
            connectionString = _database.ConnectionString;
            connection = new Microsoft.Data.Sqlite.SqliteConnection(connectionString);
        }
        else
        {
            connectionString = PostgresServer.Shared.CreateDatabase();
            connection = new Npgsql.NpgsqlConnection(connectionString);
        }
        await using (connection)
        {
            await connection.OpenAsync();
            RelationalDatabase.Execute(connection, OldSchema);
        }
        RelationalDatabase database = provider == "sqlite" ? new SqliteDatabase(connectionString) : new PostgresDatabase(connectionString);
        var table = new RelationalMembershipTable(database, "c1");

        var before = await table.ReadAllAsync(default);
        Assert.Equal(7, before.Version);
        Assert.Equal(2, before.Silos.Count);
        Assert.True(await table.SuspectAsync(Entry(51).Address, Entry(52).Address, DateTimeOffset.UtcNow, declareDead: true, 7, default));
        var after = await table.ReadAllAsync(default);
        Assert.Equal(SiloStatus.Dead, after.Silos.Single(s => s.Address.Port == 51).Status);
        (database as IDisposable)?.Dispose();
    }

    public void Dispose() => _database.Dispose();
}

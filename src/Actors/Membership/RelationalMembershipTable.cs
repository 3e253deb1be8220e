using System.Data.Common;
using Actors.Persistence.Relational;

namespace Actors.Membership;

/// <summary>The membership table in a SQL store (after Orleans' ADO.NET clustering), one cluster per cluster id.</summary>
public sealed class RelationalMembershipTable(RelationalDatabase database, string clusterId) : IMembershipTable
{
    private const string RowMatch = "cluster_id = @cluster AND host = @host AND port = @port AND generation = @generation";

    public Task<MembershipSnapshot> ReadAllAsync(CancellationToken cancellationToken)
    {
        using var connection = database.Open();
        using var transaction = database.BeginSnapshot(connection);
        using var version = Command(connection, transaction, "SELECT version FROM membership_version WHERE cluster_id = @cluster");
        var current = version.ExecuteScalar() is long v ? v : 0;
        using var rows = Command(connection, transaction,
            "SELECT host, port, generation, status, started_at, heartbeat_at FROM membership WHERE cluster_id = @cluster");
        var silos = new List<SiloEntry>();
        using (var reader = rows.ExecuteReader())
        {
            while (reader.Read())
            {
                silos.Add(new SiloEntry(
                    new SiloAddress(reader.GetString(0), reader.GetInt32(1), reader.GetInt64(2)),
                    (SiloStatus)reader.GetInt32(3),
                    DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(4)),
                    DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(5))));
            }
        }
        using var votes = Command(connection, transaction,
            "SELECT host, port, generation, voter_host, voter_port, voter_generation, voted_at FROM membership_suspicion WHERE cluster_id = @cluster");
        Dictionary<SiloAddress, List<SiloSuspicion>>? suspicions = null;
        using (var reader = votes.ExecuteReader())
        {
            while (reader.Read())
            {
                var silo = new SiloAddress(reader.GetString(0), reader.GetInt32(1), reader.GetInt64(2));
                suspicions ??= [];
                if (!suspicions.TryGetValue(silo, out var list))
                    suspicions[silo] = list = [];
                list.Add(new SiloSuspicion(new SiloAddress(reader.GetString(3), reader.GetInt32(4), reader.GetInt64(5)),
                    DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(6))));
            }
        }
        if (suspicions is not null)
        {
            for (var i = 0; i < silos.Count; i++)
            {
                if (suspicions.TryGetValue(silos[i].Address, out var list))
                    silos[i] = silos[i] with { Suspicions = list };
            }
        }
        return Task.FromResult(new MembershipSnapshot(current, silos));
    }

    public Task InsertAsync(SiloEntry entry, CancellationToken cancellationToken)
    {
        using var connection = database.Open();
        using var transaction = database.BeginWrite(connection);
        using var insert = Row(connection, transaction, """
            INSERT INTO membership (cluster_id, host, port, generation, status, started_at, heartbeat_at)
            VALUES (@cluster, @host, @port, @generation, @status, @started, @heartbeat)
            """, entry.Address)
            .With("@status", (int)entry.Status)
            .With("@started", entry.StartedAt.ToUnixTimeMilliseconds())
            .With("@heartbeat", entry.HeartbeatAt.ToUnixTimeMilliseconds());
        insert.ExecuteNonQuery();
        BumpVersion(connection, transaction);
        transaction.Commit();
        return Task.CompletedTask;
    }

    public Task<bool> UpdateStatusAsync(SiloAddress silo, SiloStatus status, IReadOnlyCollection<SiloStatus> expected, CancellationToken cancellationToken)
    {
        using var connection = database.Open();
        using var transaction = database.BeginWrite(connection);
        using var update = Row(connection, transaction,
            $"UPDATE membership SET status = @status WHERE {RowMatch} AND status IN ({string.Join(", ", expected.Select(s => (int)s))})", silo)
            .With("@status", (int)status);
        if (update.ExecuteNonQuery() == 0)
            return Task.FromResult(false);
        BumpVersion(connection, transaction);
        transaction.Commit();
        return Task.FromResult(true);
    }

    public Task<bool> SuspectAsync(SiloAddress silo, SiloAddress voter, DateTimeOffset at, bool declareDead, long expectedVersion, CancellationToken cancellationToken)
    {
        using var connection = database.Open();
        using var transaction = database.BeginWrite(connection);
        // The version row is the table's ETag: updating it (even to the same value) also locks it, so a concurrent
        // declaration that bumped it first makes this one match no row (PostgreSQL re-checks the condition after the wait).
        using var check = Command(connection, transaction,
                $"UPDATE membership_version SET version = version + {(declareDead ? 1 : 0)} WHERE cluster_id = @cluster AND version = @expected")
            .With("@expected", expectedVersion);
        if (check.ExecuteNonQuery() == 0)
            return Task.FromResult(false);
        using var vote = Row(connection, transaction, """
            INSERT INTO membership_suspicion (cluster_id, host, port, generation, voter_host, voter_port, voter_generation, voted_at)
            SELECT cluster_id, host, port, generation, @voterHost, @voterPort, @voterGeneration, @at FROM membership WHERE cluster_id = @cluster AND host = @host AND port = @port AND generation = @generation
            ON CONFLICT (cluster_id, host, port, generation, voter_host, voter_port, voter_generation) DO UPDATE SET voted_at = excluded.voted_at
            """, silo)
            .With("@voterHost", voter.Host)
            .With("@voterPort", voter.Port)
            .With("@voterGeneration", voter.Generation)
            .With("@at", at.ToUnixTimeMilliseconds());
        if (vote.ExecuteNonQuery() == 0)
            return Task.FromResult(false); // no such silo
        if (declareDead)
        {
            using var update = Row(connection, transaction,
                    $"UPDATE membership SET status = @dead WHERE {RowMatch} AND status IN ({(int)SiloStatus.Joining}, {(int)SiloStatus.Active}, {(int)SiloStatus.ShuttingDown})", silo)
                .With("@dead", (int)SiloStatus.Dead);
            if (update.ExecuteNonQuery() == 0)
                return Task.FromResult(false);
        }
        transaction.Commit();
        return Task.FromResult(true);
    }

    public Task HeartbeatAsync(SiloAddress silo, DateTimeOffset now, CancellationToken cancellationToken)
    {
        using var connection = database.Open();
        using var update = Row(connection, null, $"UPDATE membership SET heartbeat_at = @now WHERE {RowMatch}", silo)
            .With("@now", now.ToUnixTimeMilliseconds());
        update.ExecuteNonQuery();
        return Task.CompletedTask;
    }

    public Task CleanupAsync(DateTimeOffset before, CancellationToken cancellationToken)
    {
        using var connection = database.Open();
        using var delete = Command(connection, null, "DELETE FROM membership WHERE cluster_id = @cluster AND status = @dead AND heartbeat_at < @before")
            .With("@dead", (int)SiloStatus.Dead)
            .With("@before", before.ToUnixTimeMilliseconds());
        delete.ExecuteNonQuery();
        using var votes = Command(connection, null, """
            DELETE FROM membership_suspicion WHERE cluster_id = @cluster AND (voted_at < @before OR NOT EXISTS (
                SELECT 1 FROM membership m WHERE m.cluster_id = membership_suspicion.cluster_id AND m.host = membership_suspicion.host
                    AND m.port = membership_suspicion.port AND m.generation = membership_suspicion.generation))
            """)
            .With("@before", before.ToUnixTimeMilliseconds());
        votes.ExecuteNonQuery();
        return Task.CompletedTask;
    }

    private void BumpVersion(DbConnection connection, DbTransaction transaction)
    {
        using var bump = Command(connection, transaction, """
            INSERT INTO membership_version (cluster_id, version) VALUES (@cluster, 1)
            ON CONFLICT (cluster_id) DO UPDATE SET version = membership_version.version + 1
            """);
        bump.ExecuteNonQuery();
    }

    private DbCommand Row(DbConnection connection, DbTransaction? transaction, string sql, SiloAddress silo) =>
        Command(connection, transaction, sql).With("@host", silo.Host).With("@port", silo.Port).With("@generation", silo.Generation);

    private DbCommand Command(DbConnection connection, DbTransaction? transaction, string sql) =>
        connection.Command(sql, transaction).With("@cluster", clusterId);
}

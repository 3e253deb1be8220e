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
        using var reader = rows.ExecuteReader();
        var silos = new List<SiloEntry>();
        while (reader.Read())
        {
            silos.Add(new SiloEntry(
                new SiloAddress(reader.GetString(0), reader.GetInt32(1), reader.GetInt64(2)),
                (SiloStatus)reader.GetInt32(3),
                DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(4)),
                DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(5))));
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

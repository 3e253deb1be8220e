using Actors.Persistence.Sqlite;
using Microsoft.Data.Sqlite;

namespace Actors.Membership.Sqlite;

/// <summary>The membership table in the shared SQLite file, one cluster per cluster id.</summary>
public sealed class SqliteMembershipTable(SqliteDatabase database, string clusterId) : IMembershipTable
{
    public Task<MembershipSnapshot> ReadAllAsync(CancellationToken cancellationToken)
    {
        using var connection = database.Open();
        using var transaction = connection.BeginTransaction(deferred: true);
        using var version = Command(connection, transaction, "SELECT version FROM membership_version WHERE cluster_id = $cluster");
        var current = version.ExecuteScalar() is long v ? v : 0;
        using var rows = Command(connection, transaction,
            "SELECT host, port, generation, status, started_at, heartbeat_at FROM membership WHERE cluster_id = $cluster");
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
        using var transaction = connection.BeginTransaction();
        using var insert = Command(connection, transaction, """
            INSERT INTO membership (cluster_id, host, port, generation, status, started_at, heartbeat_at)
            VALUES ($cluster, $host, $port, $generation, $status, $started, $heartbeat)
            """);
        Bind(insert, entry.Address);
        insert.Parameters.AddWithValue("$status", (int)entry.Status);
        insert.Parameters.AddWithValue("$started", entry.StartedAt.ToUnixTimeMilliseconds());
        insert.Parameters.AddWithValue("$heartbeat", entry.HeartbeatAt.ToUnixTimeMilliseconds());
        insert.ExecuteNonQuery();
        BumpVersion(connection, transaction);
        transaction.Commit();
        return Task.CompletedTask;
    }

    public Task<bool> UpdateStatusAsync(SiloAddress silo, SiloStatus status, IReadOnlyCollection<SiloStatus> expected, CancellationToken cancellationToken)
    {
        using var connection = database.Open();
        using var transaction = connection.BeginTransaction();
        using var update = Command(connection, transaction,
            $"UPDATE membership SET status = $status WHERE {RowMatch} AND status IN ({string.Join(", ", expected.Select(s => (int)s))})");
        Bind(update, silo);
        update.Parameters.AddWithValue("$status", (int)status);
        if (update.ExecuteNonQuery() == 0)
            return Task.FromResult(false);
        BumpVersion(connection, transaction);
        transaction.Commit();
        return Task.FromResult(true);
    }

    public Task HeartbeatAsync(SiloAddress silo, DateTimeOffset now, CancellationToken cancellationToken)
    {
        using var connection = database.Open();
        using var update = Command(connection, null, $"UPDATE membership SET heartbeat_at = $now WHERE {RowMatch}");
        Bind(update, silo);
        update.Parameters.AddWithValue("$now", now.ToUnixTimeMilliseconds());
        update.ExecuteNonQuery();
        return Task.CompletedTask;
    }

    public Task CleanupAsync(DateTimeOffset before, CancellationToken cancellationToken)
    {
        using var connection = database.Open();
        using var delete = Command(connection, null,
            "DELETE FROM membership WHERE cluster_id = $cluster AND status = $dead AND heartbeat_at < $before");
        delete.Parameters.AddWithValue("$dead", (int)SiloStatus.Dead);
        delete.Parameters.AddWithValue("$before", before.ToUnixTimeMilliseconds());
        delete.ExecuteNonQuery();
        return Task.CompletedTask;
    }

    private const string RowMatch = "cluster_id = $cluster AND host = $host AND port = $port AND generation = $generation";

    private static void Bind(SqliteCommand command, SiloAddress silo)
    {
        command.Parameters.AddWithValue("$host", silo.Host);
        command.Parameters.AddWithValue("$port", silo.Port);
        command.Parameters.AddWithValue("$generation", silo.Generation);
    }

    private void BumpVersion(SqliteConnection connection, SqliteTransaction transaction)
    {
        using var bump = Command(connection, transaction, """
            INSERT INTO membership_version (cluster_id, version) VALUES ($cluster, 1)
            ON CONFLICT (cluster_id) DO UPDATE SET version = version + 1
            """);
        bump.ExecuteNonQuery();
    }

    private SqliteCommand Command(SqliteConnection connection, SqliteTransaction? transaction, string sql)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.Parameters.AddWithValue("$cluster", clusterId);
        return command;
    }
}

using System.Data.Common;
using Actors.Invocation;
using Actors.Persistence.Relational;

namespace Actors.Reminders;

/// <summary>
/// Reminders in a SQL store, keyed by actor. The due-time scan, which the runtime makes for the whole cluster (it knows
/// nothing of what a key prefix means), reads the (cluster_id, due_at) index, so a poll costs the due rows, not all rows.
/// </summary>
public sealed class RelationalReminderTable(RelationalDatabase database, string clusterId) : IReminderTable
{
    public Task UpsertAsync(ActorId actor, string name, DateTimeOffset dueAt, TimeSpan period, CancellationToken cancellationToken)
    {
        using var connection = database.Open();
        using var command = Command(connection, """
            INSERT INTO reminders (actor_key, actor_kind, name, cluster_id, due_at, period_ms, version)
            VALUES (@key, @kind, @name, @cluster, @due, @period, @version)
            ON CONFLICT (actor_key, actor_kind, name) DO UPDATE SET
                cluster_id = excluded.cluster_id, due_at = excluded.due_at, period_ms = excluded.period_ms, version = excluded.version
            """, actor, name)
            .With("@due", dueAt.ToUnixTimeMilliseconds())
            .With("@period", (long)period.TotalMilliseconds)
            .With("@version", Random.Shared.NextInt64(1, long.MaxValue));
        command.ExecuteNonQuery();
        return Task.CompletedTask;
    }

    public Task DeleteAsync(ActorId actor, string name, CancellationToken cancellationToken)
    {
        using var connection = database.Open();
        using var command = Command(connection, "DELETE FROM reminders WHERE actor_key = @key AND actor_kind = @kind AND name = @name", actor, name);
        command.ExecuteNonQuery();
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<ReminderEntry>> ReadDueAsync(DateTimeOffset until, CancellationToken cancellationToken)
    {
        using var connection = database.Open();
        using var command = connection.Command("""
            SELECT actor_key, actor_kind, name, due_at, period_ms, version FROM reminders
            WHERE cluster_id = @cluster AND due_at <= @until
            """).With("@cluster", clusterId).With("@until", until.ToUnixTimeMilliseconds());
        using var reader = command.ExecuteReader();
        var due = new List<ReminderEntry>();
        while (reader.Read())
        {
            due.Add(new ReminderEntry(new ActorId(reader.GetString(1), reader.GetString(0)), reader.GetString(2),
                DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(3)), TimeSpan.FromMilliseconds(reader.GetInt64(4)), reader.GetInt64(5)));
        }
        return Task.FromResult<IReadOnlyList<ReminderEntry>>(due);
    }

    public Task<bool> TryAdvanceAsync(ReminderEntry entry, DateTimeOffset nextDueAt, CancellationToken cancellationToken)
    {
        using var connection = database.Open();
        using var command = Command(connection, """
            UPDATE reminders SET due_at = @due, version = @next
            WHERE actor_key = @key AND actor_kind = @kind AND name = @name AND version = @version
            """, entry.Actor, entry.Name)
            .With("@due", nextDueAt.ToUnixTimeMilliseconds())
            .With("@next", Random.Shared.NextInt64(1, long.MaxValue))
            .With("@version", entry.Version);
        return Task.FromResult(command.ExecuteNonQuery() == 1);
    }

    private DbCommand Command(DbConnection connection, string sql, ActorId actor, string name) =>
        connection.Command(sql).With("@cluster", clusterId).With("@key", actor.Key).With("@kind", actor.Kind).With("@name", name);
}

using System.Globalization;
using System.Threading.Channels;
using Actors.Invocation;
using Microsoft.Data.Sqlite;

namespace Actors.Persistence.Sqlite;

/// <summary>
/// Actor state in SQLite. Writes go through one writer loop that commits every write waiting at that moment
/// in a single transaction (group commit): one fsync serves many calls, and each call still completes only
/// after its row is durable. Versions are random 63-bit numbers, so a record deleted and re-created never
/// reuses an ETag an old reader might still hold.
/// </summary>
public sealed class SqliteStateStore : IStateStore, IAsyncDisposable
{
    private const int MaxBatch = 512;
    private readonly SqliteDatabase _database;
    private readonly Channel<WriteOp> _writes = Channel.CreateUnbounded<WriteOp>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _writer;

    public SqliteStateStore(SqliteDatabase database)
    {
        _database = database;
        _writer = Task.Run(WriteLoopAsync);
    }

    public Task<StoredState> ReadAsync(ActorId actor, string stateName, CancellationToken cancellationToken)
    {
        using var connection = _database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT version, data FROM actor_state WHERE actor_key = $key AND actor_kind = $kind AND state_name = $name";
        command.Parameters.AddWithValue("$key", actor.Key);
        command.Parameters.AddWithValue("$kind", actor.Kind);
        command.Parameters.AddWithValue("$name", stateName);
        using var reader = command.ExecuteReader();
        return Task.FromResult(reader.Read()
            ? new StoredState((byte[])reader.GetValue(1), Format(reader.GetInt64(0)))
            : StoredState.Missing);
    }

    public Task<string> WriteAsync(ActorId actor, string stateName, ReadOnlyMemory<byte> data, string? expectedETag, CancellationToken cancellationToken) =>
        Enqueue(new WriteOp(actor, stateName, data.ToArray(), Parse(expectedETag, actor, stateName)));

    public Task ClearAsync(ActorId actor, string stateName, string? expectedETag, CancellationToken cancellationToken) =>
        Enqueue(new WriteOp(actor, stateName, null, Parse(expectedETag, actor, stateName)));

    private Task<string> Enqueue(WriteOp op)
    {
        if (!_writes.Writer.TryWrite(op))
            throw new ObjectDisposedException(nameof(SqliteStateStore), "The state store is shut down; no more writes are accepted.");
        return op.Completion.Task;
    }

    private async Task WriteLoopAsync()
    {
        var batch = new List<WriteOp>(MaxBatch);
        while (await _writes.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (batch.Count < MaxBatch && _writes.Reader.TryRead(out var op))
                batch.Add(op);
            CommitBatch(batch);
            batch.Clear();
        }
    }

    private void CommitBatch(List<WriteOp> batch)
    {
        var outcomes = new Exception?[batch.Count];
        var versions = new long[batch.Count];
        try
        {
            using var connection = _database.Open();
            // FULL makes the commit itself durable; the batch shares that cost.
            SqliteDatabase.Execute(connection, "PRAGMA synchronous=FULL;");
            using var transaction = connection.BeginTransaction();
            using var insert = Command(connection, transaction, """
                INSERT INTO actor_state (actor_key, actor_kind, state_name, version, data, updated_at)
                VALUES ($key, $kind, $name, $version, $data, $now) ON CONFLICT DO NOTHING
                """);
            using var update = Command(connection, transaction, """
                UPDATE actor_state SET version = $version, data = $data, updated_at = $now
                WHERE actor_key = $key AND actor_kind = $kind AND state_name = $name AND version = $expected
                """);
            using var delete = Command(connection, transaction,
                "DELETE FROM actor_state WHERE actor_key = $key AND actor_kind = $kind AND state_name = $name AND version = $expected");
            var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            for (var i = 0; i < batch.Count; i++)
            {
                var op = batch[i];
                if (op.Data is null && op.Expected is null)
                    continue; // clearing a record that was never written
                var command = op.Data is null ? delete : op.Expected is null ? insert : update;
                versions[i] = Random.Shared.NextInt64(1, long.MaxValue);
                Bind(command, op, versions[i], now);
                if (command.ExecuteNonQuery() == 0)
                    outcomes[i] = StateConflicts.For(op.Actor, op.StateName, Format(op.Expected), CurrentVersion(connection, transaction, op));
            }
            transaction.Commit();
        }
        catch (Exception e)
        {
            foreach (var op in batch)
                op.Completion.TrySetException(new IOException($"Writing actor state to {_database.DataSource} failed: {e.Message}", e));
            return;
        }
        for (var i = 0; i < batch.Count; i++)
        {
            if (outcomes[i] is { } conflict)
                batch[i].Completion.TrySetException(conflict);
            else
                batch[i].Completion.TrySetResult(batch[i].Data is null ? "" : Format(versions[i])!);
        }
    }

    private static string? CurrentVersion(SqliteConnection connection, SqliteTransaction transaction, WriteOp op)
    {
        using var command = Command(connection, transaction, "SELECT version FROM actor_state WHERE actor_key = $key AND actor_kind = $kind AND state_name = $name");
        command.Parameters.AddWithValue("$key", op.Actor.Key);
        command.Parameters.AddWithValue("$kind", op.Actor.Kind);
        command.Parameters.AddWithValue("$name", op.StateName);
        return command.ExecuteScalar() is long version ? Format(version) : null;
    }

    private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction transaction, string sql)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command;
    }

    private static void Bind(SqliteCommand command, WriteOp op, long version, long now)
    {
        command.Parameters.Clear();
        command.Parameters.AddWithValue("$key", op.Actor.Key);
        command.Parameters.AddWithValue("$kind", op.Actor.Kind);
        command.Parameters.AddWithValue("$name", op.StateName);
        if (op.Expected is { } expected)
            command.Parameters.AddWithValue("$expected", expected);
        if (op.Data is { } data)
        {
            command.Parameters.AddWithValue("$version", version);
            command.Parameters.AddWithValue("$data", data);
            command.Parameters.AddWithValue("$now", now);
        }
    }

    private static string? Format(long? version) => version?.ToString(CultureInfo.InvariantCulture);

    private static long? Parse(string? etag, ActorId actor, string stateName)
    {
        if (etag is null)
            return null;
        return long.TryParse(etag, NumberStyles.None, CultureInfo.InvariantCulture, out var version)
            ? version
            : throw StateConflicts.For(actor, stateName, etag, "a SQLite version number");
    }

    public async ValueTask DisposeAsync()
    {
        _writes.Writer.TryComplete();
        await _writer.ConfigureAwait(false);
    }

    private sealed record WriteOp(ActorId Actor, string StateName, byte[]? Data, long? Expected)
    {
        public TaskCompletionSource<string> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}

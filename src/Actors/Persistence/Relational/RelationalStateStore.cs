using System.Data.Common;
using System.Globalization;
using System.Threading.Channels;
using System.Diagnostics;
using Actors.Invocation;
using Actors.Telemetry;

namespace Actors.Persistence.Relational;

/// <summary>
/// Actor state in a SQL store. Writes go through one writer loop that commits every write waiting at that moment
/// in a single transaction (group commit): one durable commit serves many calls, and each call still completes only
/// after its row is durable. Versions are random 63-bit numbers, so a record deleted and re-created never reuses
/// an ETag an old reader might still hold.
/// </summary>
public sealed class RelationalStateStore : IStateStore, IAsyncDisposable
{
    private const int MaxBatch = 512;
    private readonly RelationalDatabase _database;
    private readonly Channel<WriteOp> _writes = Channel.CreateUnbounded<WriteOp>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _writer;

    public RelationalStateStore(RelationalDatabase database)
    {
        _database = database;
        _writer = Task.Run(WriteLoopAsync);
    }

    public async Task<StoredState> ReadAsync(ActorId actor, string stateName, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            return await ReadRowAsync(actor, stateName, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            ActorTelemetry.StorageDuration.Record(ActorTelemetry.ElapsedMilliseconds(started), new KeyValuePair<string, object?>("operation", "read"));
        }
    }

    private async Task<StoredState> ReadRowAsync(ActorId actor, string stateName, CancellationToken cancellationToken)
    {
        await using var connection = _database.Open();
        await using var command = connection.Command(
            "SELECT version, data FROM actor_state WHERE actor_key = @key AND actor_kind = @kind AND state_name = @name")
            .With("@key", actor.Key).With("@kind", actor.Kind).With("@name", stateName);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false)
            ? new StoredState(reader.GetFieldValue<byte[]>(1), Format(reader.GetInt64(0)))
            : StoredState.Missing;
    }

    public Task<string> WriteAsync(ActorId actor, string stateName, ReadOnlyMemory<byte> data, string? expectedETag, CancellationToken cancellationToken) =>
        Enqueue(new WriteOp(actor, stateName, data.ToArray(), Parse(expectedETag, actor, stateName)));

    public Task ClearAsync(ActorId actor, string stateName, string? expectedETag, CancellationToken cancellationToken) =>
        Enqueue(new WriteOp(actor, stateName, null, Parse(expectedETag, actor, stateName)));

    private Task<string> Enqueue(WriteOp op)
    {
        if (!_writes.Writer.TryWrite(op))
            throw new ObjectDisposedException(nameof(RelationalStateStore), "The state store is shut down; no more writes are accepted.");
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
        var started = Stopwatch.GetTimestamp();
        var outcomes = new Exception?[batch.Count];
        var versions = new long[batch.Count];
        try
        {
            using var connection = _database.Open();
            _database.PrepareDurableWrite(connection);
            using var transaction = _database.BeginWrite(connection);
            using var insert = connection.Command("""
                INSERT INTO actor_state (actor_key, actor_kind, state_name, version, data, updated_at)
                VALUES (@key, @kind, @name, @version, @data, @now) ON CONFLICT DO NOTHING
                """, transaction);
            using var update = connection.Command("""
                UPDATE actor_state SET version = @version, data = @data, updated_at = @now
                WHERE actor_key = @key AND actor_kind = @kind AND state_name = @name AND version = @expected
                """, transaction);
            using var delete = connection.Command(
                "DELETE FROM actor_state WHERE actor_key = @key AND actor_kind = @kind AND state_name = @name AND version = @expected", transaction);
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
                op.Completion.TrySetException(new IOException($"Writing actor state to {_database.Description} failed: {e.Message}", e));
            return;
        }
        // Every write of the batch waited for the same commit.
        var elapsed = ActorTelemetry.ElapsedMilliseconds(started);
        for (var i = 0; i < batch.Count; i++)
            ActorTelemetry.StorageDuration.Record(elapsed, new KeyValuePair<string, object?>("operation", "write"));
        for (var i = 0; i < batch.Count; i++)
        {
            if (outcomes[i] is { } conflict)
                batch[i].Completion.TrySetException(conflict);
            else
                batch[i].Completion.TrySetResult(batch[i].Data is null ? "" : Format(versions[i])!);
        }
    }

    private static string? CurrentVersion(DbConnection connection, DbTransaction transaction, WriteOp op)
    {
        using var command = connection.Command(
            "SELECT version FROM actor_state WHERE actor_key = @key AND actor_kind = @kind AND state_name = @name", transaction)
            .With("@key", op.Actor.Key).With("@kind", op.Actor.Kind).With("@name", op.StateName);
        return command.ExecuteScalar() is long version ? Format(version) : null;
    }

    private static void Bind(DbCommand command, WriteOp op, long version, long now)
    {
        command.Set("@key", op.Actor.Key);
        command.Set("@kind", op.Actor.Kind);
        command.Set("@name", op.StateName);
        if (op.Expected is { } expected)
            command.Set("@expected", expected);
        if (op.Data is { } data)
        {
            command.Set("@version", version);
            command.Set("@data", data);
            command.Set("@now", now);
        }
    }

    private static string? Format(long? version) => version?.ToString(CultureInfo.InvariantCulture);

    private static long? Parse(string? etag, ActorId actor, string stateName)
    {
        if (etag is null)
            return null;
        return long.TryParse(etag, NumberStyles.None, CultureInfo.InvariantCulture, out var version)
            ? version
            : throw StateConflicts.For(actor, stateName, etag, "a version number of this store");
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

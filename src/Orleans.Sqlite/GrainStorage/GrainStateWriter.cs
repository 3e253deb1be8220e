using System.Threading.Channels;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Orleans.Storage;

namespace Orleans.Sqlite.GrainStorage;

/// <summary>
/// The one writer of a grain storage provider (group commit). Writes from any number of grains wait in a queue; the
/// writer takes everything waiting at that moment and applies it in a single transaction, so one durable commit (one
/// fsync of the WAL) serves the whole batch. Each write's task completes only after that commit, so a write that was
/// acknowledged is on disk. While a batch commits, the next one gathers, so batches grow with the load.
/// </summary>
internal sealed partial class GrainStateWriter : IAsyncDisposable
{
    // Bounds how long one transaction holds the file's write lock, which the silos' membership updates also need.
    private const int MaxBatch = 512;

    private readonly SqliteDatabase _database;
    private readonly string _serviceId;
    private readonly string _providerName;
    private readonly ILogger _logger;
    private readonly Channel<GrainStateChange> _queue = Channel.CreateUnbounded<GrainStateChange>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _loop;

    public GrainStateWriter(SqliteDatabase database, string serviceId, string providerName, ILogger logger)
    {
        _database = database;
        _serviceId = serviceId;
        _providerName = providerName;
        _logger = logger;
        _loop = Task.Run(WriteLoopAsync);
    }

    /// <summary>Applies the change; the task gives the row's new ETag (null once the row is deleted) after the commit.</summary>
    public Task<string?> Enqueue(GrainStateChange change)
    {
        if (!_queue.Writer.TryWrite(change))
            throw new OrleansException($"SQLite grain storage '{_providerName}' is stopped: the silo is shutting down, so it accepts no more writes.");
        return change.Completion.Task;
    }

    private async Task WriteLoopAsync()
    {
        var batch = new List<GrainStateChange>(MaxBatch);
        GrainStateStatements? statements = null;
        try
        {
            while (await _queue.Reader.WaitToReadAsync().ConfigureAwait(false))
            {
                while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var change))
                    batch.Add(change);
                (string? ETag, Exception? Conflict)[] outcomes;
                try
                {
                    statements ??= GrainStateStatements.Open(_database, _serviceId, _providerName);
                    outcomes = Commit(statements, batch);
                }
                catch (Exception e)
                {
                    LogBatchFailed(e, batch.Count, _providerName, _database.FilePath);
                    var failure = new OrleansException(
                        $"Writing grain state to SQLite grain storage '{_providerName}' ({_database.FilePath}) failed: {e.Message}. Nothing of this write was stored; it may be retried.");
                    foreach (var change in batch)
                        change.Completion.TrySetException(failure);
                    // A connection that failed mid-batch may be in any state: the next batch opens a fresh one.
                    statements?.Dispose();
                    statements = null;
                    batch.Clear();
                    continue;
                }
                // Only now, after the commit, does any caller learn its outcome.
                for (var i = 0; i < batch.Count; i++)
                {
                    if (outcomes[i].Conflict is { } conflict)
                        batch[i].Completion.TrySetException(conflict);
                    else
                        batch[i].Completion.TrySetResult(outcomes[i].ETag);
                }
                RecordBatchSize(batch.Count);
                batch.Clear();
            }
        }
        finally
        {
            statements?.Dispose();
        }
    }

    private void RecordBatchSize(int count)
    {
        try
        {
            SqliteTelemetry.GrainStorageBatchSize.Record(count, new KeyValuePair<string, object?>("provider", _providerName));
        }
        catch (Exception e)
        {
            // A metrics listener's callback runs here and may throw: that must not stop the writer every grain waits on.
            LogTelemetryFailed(e, _providerName);
        }
    }

    /// <summary>Applies the batch in one transaction and commits it; returns each change's outcome.</summary>
    private (string? ETag, Exception? Conflict)[] Commit(GrainStateStatements statements, List<GrainStateChange> batch)
    {
        var outcomes = new (string? ETag, Exception? Conflict)[batch.Count];
        using var transaction = statements.Begin();
        for (var i = 0; i < batch.Count; i++)
            outcomes[i] = Apply(statements, batch[i]);
        transaction.Commit();
        return outcomes;
    }

    private (string? ETag, Exception? Conflict) Apply(GrainStateStatements statements, GrainStateChange change)
    {
        if (change.ExpectedETag is null && change.Payload is null)
        {
            // Clearing a state the caller never saw stored: nothing to do, unless another activation stored it meanwhile.
            var stored = statements.CurrentETag(change);
            return stored is null ? (null, null) : (null, Conflict(change, stored));
        }
        if (change.DeleteRow)
            return statements.Delete(change) ? (null, null) : (null, Conflict(change, statements.CurrentETag(change)));
        var etag = ETags.New();
        var applied = change.ExpectedETag is null ? statements.Insert(change, etag) : statements.Update(change, etag);
        return applied ? (etag, null) : (null, Conflict(change, statements.CurrentETag(change)));
    }

    private InconsistentStateException Conflict(GrainStateChange change, string? stored) => new(
        $"Version conflict in SQLite grain storage '{_providerName}': state '{change.StateName}' of grain {change.GrainType}/{change.GrainKey} " +
        $"is stored with ETag {stored ?? "(none: no row)"}, but the write expected {change.ExpectedETag ?? "(none: a new row)"}. " +
        "Another activation or writer changed it; read the state again before writing.",
        stored, change.ExpectedETag);

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _loop.ConfigureAwait(false);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "A batch of {Count} grain state writes of SQLite grain storage '{Provider}' ({File}) failed; every write of it was refused.")]
    private partial void LogBatchFailed(Exception exception, int count, string provider, string file);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Recording the batch size of SQLite grain storage '{Provider}' failed in a metrics listener.")]
    private partial void LogTelemetryFailed(Exception exception, string provider);
}

/// <summary>
/// One change of one grain's state: a write (<see cref="Payload"/> set), a clear that keeps an empty row
/// (<see cref="Payload"/> null), or a clear that deletes the row (<see cref="DeleteRow"/>). It applies only if the
/// stored ETag is <see cref="ExpectedETag"/> (null: no row stored).
/// </summary>
internal sealed record GrainStateChange(string GrainType, string GrainKey, string StateName, byte[]? Payload, string? ExpectedETag, bool DeleteRow)
{
    public TaskCompletionSource<string?> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}

using Microsoft.Extensions.Logging;
using Orleans.Storage;

namespace Orleans.Sqlite.GrainStorage;

/// <summary>
/// The one writer of a grain storage provider: its changes go through a <see cref="SqliteGroupCommit{TSession,TWrite,TResult}"/>,
/// so the writes of many grains share one durable commit, and each change whose ETag is not the stored one is refused
/// on its own with <see cref="InconsistentStateException"/>.
/// </summary>
internal sealed partial class GrainStateWriter : IAsyncDisposable
{
    private readonly SqliteDatabase _database;
    private readonly string _providerName;
    private readonly ILogger _logger;
    private readonly SqliteGroupCommit<GrainStateStatements, GrainStateChange, string?> _commits;

    public GrainStateWriter(SqliteDatabase database, string serviceId, string providerName, ILogger logger)
    {
        _database = database;
        _providerName = providerName;
        _logger = logger;
        _commits = new(() => GrainStateStatements.Open(database, serviceId, providerName), Commit, Failed, RecordBatchSize,
            $"SQLite grain storage '{providerName}' is stopped: the silo is shutting down, so it accepts no more writes.");
    }

    /// <summary>Applies the change; the task gives the row's new ETag (null once the row is deleted) after the commit.</summary>
    public Task<string?> Enqueue(GrainStateChange change) => _commits.Enqueue(change);

    private Exception Failed(Exception e, int count)
    {
        LogBatchFailed(e, count, _providerName, _database.FilePath);
        return new OrleansException(
            $"Writing grain state to SQLite grain storage '{_providerName}' ({_database.FilePath}) failed: {e.Message}. Nothing of this write was stored; it may be retried.");
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
    private GroupCommitOutcome<string?>[] Commit(GrainStateStatements statements, IReadOnlyList<GrainStateChange> batch)
    {
        var outcomes = new GroupCommitOutcome<string?>[batch.Count];
        using var transaction = statements.Begin();
        for (var i = 0; i < batch.Count; i++)
            outcomes[i] = Apply(statements, batch[i]);
        transaction.Commit();
        return outcomes;
    }

    private GroupCommitOutcome<string?> Apply(GrainStateStatements statements, GrainStateChange change)
    {
        if (change.ExpectedETag is null && change.Payload is null)
        {
            // Clearing a state the caller never saw stored: nothing to do, unless another activation stored it meanwhile.
            var stored = statements.CurrentETag(change);
            return new(null, stored is null ? null : Conflict(change, stored));
        }
        if (change.DeleteRow)
            return new(null, statements.Delete(change) ? null : Conflict(change, statements.CurrentETag(change)));
        var etag = ETags.New();
        var applied = change.ExpectedETag is null ? statements.Insert(change, etag) : statements.Update(change, etag);
        return applied ? new(etag, null) : new(null, Conflict(change, statements.CurrentETag(change)));
    }

    private InconsistentStateException Conflict(GrainStateChange change, string? stored) => new(
        $"Version conflict in SQLite grain storage '{_providerName}': state '{change.StateName}' of grain {change.GrainType}/{change.GrainKey} " +
        $"is stored with ETag {stored ?? "(none: no row)"}, but the write expected {change.ExpectedETag ?? "(none: a new row)"}. " +
        "Another activation or writer changed it; read the state again before writing.",
        stored, change.ExpectedETag);

    public ValueTask DisposeAsync() => _commits.DisposeAsync();

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
internal sealed record GrainStateChange(string GrainType, string GrainKey, string StateName, byte[]? Payload, string? ExpectedETag, bool DeleteRow);

using System.Data.Common;
using Crm.AuditLog.Writing;

namespace Crm.AuditLog;

/// <summary>
/// What both stores share: one table <c>audit_log</c> (tenant_id, id, at_ms, actor, operation, target, outcome, reason,
/// client_address) with an index on (tenant_id, id), group-committed appends, and the keyset query. Each store adds
/// its connection, its schema with the triggers that refuse changes, and its erasure.
/// </summary>
public abstract class SqlAuditLog : IAuditLog, IAuditLogErasure, IAsyncDisposable
{
    private readonly AuditGroupCommit _writer;
    private readonly SemaphoreSlim _schemaLock = new(1, 1);
    private volatile bool _schemaCreated;

    private protected SqlAuditLog(string storeName)
    {
        StoreName = storeName;
        _writer = new AuditGroupCommit(CommitAsync, storeName);
    }

    /// <summary>Names the store in errors, such as "SQLite /data/audit.db".</summary>
    public string StoreName { get; }

    /// <summary>Transactions committed so far (to prove that appends are grouped).</summary>
    public long Commits => _writer.Commits;

    public Task AppendAsync(AuditRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentException.ThrowIfNullOrEmpty(record.TenantId);
        return _writer.AppendAsync(record with { Reason = AuditRecord.Shorten(record.Reason) }, cancellationToken);
    }

    public async Task<AuditPage> QueryAsync(AuditQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.First is < 1 or > AuditQuery.MaxFirst)
            throw new ArgumentOutOfRangeException(nameof(query), query.First, $"first must be between 1 and {AuditQuery.MaxFirst}.");
        await using var connection = await OpenReaderAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        var where = new List<string> { "tenant_id = @tenant" };
        Add(command, "tenant", query.TenantId);
        if (query.Before is { } before)
        {
            where.Add("id < @before");
            Add(command, "before", before);
        }
        if (query.Actor is { } actor)
        {
            where.Add("actor = @actor");
            Add(command, "actor", actor);
        }
        if (query.Operation is { } operation)
        {
            where.Add("operation = @operation");
            Add(command, "operation", operation);
        }
        if (query.Since is { } since)
        {
            where.Add("at_ms >= @since");
            Add(command, "since", since.ToUnixTimeMilliseconds());
        }
        Add(command, "limit", query.First + 1);
        command.CommandText = "SELECT id, at_ms, actor, operation, target, outcome, reason, client_address FROM audit_log " +
                              $"WHERE {string.Join(" AND ", where)} ORDER BY id DESC LIMIT @limit";
        var entries = new List<AuditEntry>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            entries.Add(new AuditEntry(reader.GetInt64(0), new AuditRecord(
                query.TenantId,
                DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(1)),
                reader.GetString(2),
                reader.GetString(3),
                reader.IsDBNull(4) ? null : reader.GetString(4),
                Enum.Parse<AuditOutcome>(reader.GetString(5), ignoreCase: true),
                reader.IsDBNull(6) ? null : reader.GetString(6),
                reader.IsDBNull(7) ? null : reader.GetString(7))));
        }
        var hasMore = entries.Count > query.First;
        return new AuditPage(hasMore ? entries.GetRange(0, query.First) : entries, hasMore);
    }

    public abstract Task<long> EraseTenantAsync(string tenantId, CancellationToken cancellationToken = default);

    /// <summary>The outcome as stored: lower-case words, readable in the table itself.</summary>
    private protected static string OutcomeText(AuditOutcome outcome) => outcome.ToString().ToLowerInvariant();

    private protected abstract ValueTask<DbConnection> OpenReaderAsync(CancellationToken cancellationToken);

    /// <summary>Creates the table, its index and its triggers if they are missing (once per store object).</summary>
    private protected abstract Task CreateSchemaAsync(CancellationToken cancellationToken);

    private protected async Task EnsureSchemaAsync(CancellationToken cancellationToken)
    {
        if (_schemaCreated)
            return;
        await _schemaLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!_schemaCreated)
                await CreateSchemaAsync(cancellationToken).ConfigureAwait(false);
            _schemaCreated = true;
        }
        finally
        {
            _schemaLock.Release();
        }
    }

    /// <summary>Inserts the records, in order, in one durable transaction.</summary>
    private protected abstract Task CommitAsync(IReadOnlyList<AuditRecord> records);

    private protected abstract ValueTask DisposeStoreAsync();

    private protected static void Add(DbCommand command, string name, object? value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value ?? DBNull.Value;
        command.Parameters.Add(parameter);
    }

    public async ValueTask DisposeAsync()
    {
        await _writer.DisposeAsync().ConfigureAwait(false);
        await DisposeStoreAsync().ConfigureAwait(false);
        _schemaLock.Dispose();
        GC.SuppressFinalize(this);
    }
}

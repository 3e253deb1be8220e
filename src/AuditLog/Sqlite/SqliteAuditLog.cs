using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace Crm.AuditLog.Sqlite;

/// <summary>
/// The audit log in one SQLite file in WAL mode: one writer connection that commits durably (synchronous=FULL) and
/// pooled readers. Triggers refuse every UPDATE and DELETE; a tenant's erasure lifts the delete trigger inside its own
/// transaction only, so no other connection ever sees the table without it.
/// </summary>
public sealed class SqliteAuditLog : SqlAuditLog
{
    private const int BusyTimeoutSeconds = 30;

    private const string NoDeleteTrigger = """
        CREATE TRIGGER IF NOT EXISTS audit_log_no_delete BEFORE DELETE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'audit_log is append-only: entries are never deleted, except by a tenant''s erasure'); END;
        """;

    private static readonly string Schema = $"""
        CREATE TABLE IF NOT EXISTS audit_log (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            tenant_id TEXT NOT NULL,
            at_ms INTEGER NOT NULL,
            actor TEXT NOT NULL,
            operation TEXT NOT NULL,
            target TEXT,
            outcome TEXT NOT NULL,
            reason TEXT,
            client_address TEXT
        );
        CREATE INDEX IF NOT EXISTS audit_log_tenant ON audit_log (tenant_id, id);
        CREATE TRIGGER IF NOT EXISTS audit_log_no_update BEFORE UPDATE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'audit_log is append-only: entries are never changed'); END;
        {NoDeleteTrigger}
        """;

    private readonly string _connectionString;
    private SqliteConnection? _writer;

    /// <param name="connectionString">A Microsoft.Data.Sqlite connection string naming a file, such as "Data Source=/data/audit.db".</param>
    public SqliteAuditLog(string connectionString) : this(Parse(connectionString))
    {
    }

    private SqliteAuditLog((string ConnectionString, string File) store) : base($"SQLite {store.File}")
    {
        _connectionString = store.ConnectionString;
        FilePath = store.File;
    }

    public string FilePath { get; }

    private static (string, string) Parse(string connectionString)
    {
        const string example = "\"Data Source=/var/lib/crm/audit.db\"";
        SqliteConnectionStringBuilder builder;
        try
        {
            builder = new SqliteConnectionStringBuilder(connectionString);
        }
        catch (Exception e) when (e is ArgumentException or FormatException or KeyNotFoundException)
        {
            throw new ArgumentException($"\"{connectionString}\" is not a SQLite connection string ({e.Message}): set one such as {example}.", nameof(connectionString), e);
        }
        if (string.IsNullOrWhiteSpace(builder.DataSource) || builder.Mode == SqliteOpenMode.Memory || builder.DataSource == ":memory:")
            throw new ArgumentException($"The audit log's SQLite connection string \"{connectionString}\" names no file: set one such as {example}.", nameof(connectionString));
        var file = Path.GetFullPath(builder.DataSource);
        builder.DataSource = file;
        builder.Pooling = true;
        builder.DefaultTimeout = Math.Max(builder.DefaultTimeout, BusyTimeoutSeconds);
        return (builder.ToString(), file);
    }

    public override async Task<long> EraseTenantAsync(string tenantId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(tenantId);
        await EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = connection.BeginTransaction(deferred: false);
        Execute(connection, transaction, "DROP TRIGGER audit_log_no_delete;");
        long erased;
        using (var delete = connection.CreateCommand())
        {
            delete.Transaction = transaction;
            delete.CommandText = "DELETE FROM audit_log WHERE tenant_id = @tenant";
            Add(delete, "tenant", tenantId);
            erased = await delete.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        Execute(connection, transaction, NoDeleteTrigger);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return erased;
    }

    private protected override async ValueTask<DbConnection> OpenReaderAsync(CancellationToken cancellationToken)
    {
        await EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
        return await OpenAsync(cancellationToken).ConfigureAwait(false);
    }

    private protected override async Task CommitAsync(IReadOnlyList<AuditRecord> records)
    {
        await EnsureSchemaAsync(CancellationToken.None).ConfigureAwait(false);
        try
        {
            if (_writer is null)
            {
                _writer = await OpenAsync(CancellationToken.None).ConfigureAwait(false);
                // FULL: the WAL is fsynced before any caller hears that its entry is stored.
                Execute(_writer, null, "PRAGMA synchronous=FULL;");
            }
            using var transaction = _writer.BeginTransaction(deferred: false);
            using var insert = _writer.CreateCommand();
            insert.Transaction = transaction;
            insert.CommandText = "INSERT INTO audit_log (tenant_id, at_ms, actor, operation, target, outcome, reason, client_address) " +
                                 "VALUES (@tenant, @at, @actor, @operation, @target, @outcome, @reason, @client)";
            foreach (var name in (string[])["tenant", "at", "actor", "operation", "target", "outcome", "reason", "client"])
                Add(insert, name, null);
            foreach (var record in records)
            {
                insert.Parameters["tenant"].Value = record.TenantId;
                insert.Parameters["at"].Value = record.At.ToUnixTimeMilliseconds();
                insert.Parameters["actor"].Value = record.Actor;
                insert.Parameters["operation"].Value = record.Operation;
                insert.Parameters["target"].Value = (object?)record.Target ?? DBNull.Value;
                insert.Parameters["outcome"].Value = OutcomeText(record.Outcome);
                insert.Parameters["reason"].Value = (object?)record.Reason ?? DBNull.Value;
                insert.Parameters["client"].Value = (object?)record.ClientAddress ?? DBNull.Value;
                insert.ExecuteNonQuery();
            }
            transaction.Commit();
        }
        catch
        {
            // A connection that failed mid-transaction may be in any state: the next group starts afresh.
            _writer?.Dispose();
            _writer = null;
            throw;
        }
    }

    private async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            Execute(connection, null, $"PRAGMA busy_timeout={BusyTimeoutSeconds * 1000};");
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private protected override async Task CreateSchemaAsync(CancellationToken cancellationToken)
    {
        try
        {
            if (Path.GetDirectoryName(FilePath) is { Length: > 0 } folder)
                Directory.CreateDirectory(folder);
            await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
            Execute(connection, null, "PRAGMA journal_mode=WAL;");
            await using var transaction = connection.BeginTransaction(deferred: false);
            Execute(connection, transaction, Schema);
            transaction.Commit();
        }
        catch (SqliteException e)
        {
            throw new AuditLogException($"Creating the audit log's table in {FilePath} failed: {e.Message}. Check that the folder is writable and the file is a SQLite database.", e);
        }
    }

    private static void Execute(SqliteConnection connection, SqliteTransaction? transaction, string sql)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private protected override ValueTask DisposeStoreAsync()
    {
        _writer?.Dispose();
        return ValueTask.CompletedTask;
    }
}

using System.Data.Common;
using Npgsql;
using NpgsqlTypes;

namespace Crm.AuditLog.PostgreSql;

/// <summary>
/// The audit log in a PostgreSQL database: pooled connections, the table created at first use under an advisory lock,
/// each group of appends one INSERT of arrays. A trigger refuses UPDATE, DELETE and TRUNCATE to every session; the one
/// exception is a tenant's erasure, which names that tenant in a transaction-local setting before it deletes.
/// </summary>
public sealed class PostgreSqlAuditLog : SqlAuditLog
{
    // Any fixed number: every process that creates the audit table takes this lock, so they take turns.
    private const long AdvisoryLockKey = 0x43524d4155444954; // "CRMAUDIT"

    // The erasure sets this to the tenant it erases, for its own transaction only (set_config(..., true)).
    private const string ErasureSetting = "crm.audit_erasure_tenant";

    private static readonly string Schema = $"""
        CREATE TABLE IF NOT EXISTS audit_log (
            id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            tenant_id text COLLATE "C" NOT NULL,
            at_ms bigint NOT NULL,
            actor text NOT NULL,
            operation text NOT NULL,
            target text,
            outcome text NOT NULL,
            reason text,
            client_address text
        );
        CREATE INDEX IF NOT EXISTS audit_log_tenant ON audit_log (tenant_id, id);
        CREATE OR REPLACE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF TG_OP = 'DELETE' THEN
                IF current_setting('{ErasureSetting}', true) = OLD.tenant_id THEN
                    RETURN OLD;
                END IF;
            END IF;
            RAISE EXCEPTION 'audit_log is append-only: % refused (entries leave only by their tenant''s erasure)', TG_OP
                USING ERRCODE = 'insufficient_privilege';
        END $$;
        CREATE OR REPLACE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
            FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
        CREATE OR REPLACE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
            FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();
        """;

    private const string InsertSql =
        "INSERT INTO audit_log (tenant_id, at_ms, actor, operation, target, outcome, reason, client_address) " +
        "SELECT * FROM unnest(@tenant, @at, @actor, @operation, @target, @outcome, @reason, @client)";

    private readonly NpgsqlDataSource _dataSource;

    /// <param name="connectionString">An Npgsql connection string, such as "Host=127.0.0.1;Port=5432;Username=crm;Password=...;Database=crm".</param>
    public PostgreSqlAuditLog(string connectionString) : this(Parse(connectionString))
    {
    }

    private PostgreSqlAuditLog(NpgsqlConnectionStringBuilder builder) : base($"PostgreSQL {builder.Host}:{builder.Port}/{builder.Database}") =>
        _dataSource = NpgsqlDataSource.Create(builder);

    private static NpgsqlConnectionStringBuilder Parse(string connectionString)
    {
        const string example = "\"Host=127.0.0.1;Port=5432;Username=crm;Password=...;Database=crm\"";
        try
        {
            var builder = new NpgsqlConnectionStringBuilder(connectionString);
            if (string.IsNullOrWhiteSpace(builder.Host))
                throw new ArgumentException($"The audit log's PostgreSQL connection string has no Host: set one such as {example}.", nameof(connectionString));
            return builder;
        }
        catch (Exception e) when (e is FormatException or KeyNotFoundException or (ArgumentException and not { ParamName: nameof(connectionString) }))
        {
            throw new ArgumentException($"The audit log's PostgreSQL connection string is not valid ({e.Message}): set one such as {example}.", nameof(connectionString), e);
        }
    }

    public override async Task<long> EraseTenantAsync(string tenantId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(tenantId);
        await EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (var allow = new NpgsqlCommand($"SELECT set_config('{ErasureSetting}', @tenant, true)", connection, transaction))
        {
            allow.Parameters.AddWithValue("tenant", tenantId);
            await allow.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        long erased;
        await using (var delete = new NpgsqlCommand("DELETE FROM audit_log WHERE tenant_id = @tenant", connection, transaction))
        {
            delete.Parameters.AddWithValue("tenant", tenantId);
            erased = await delete.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return erased;
    }

    private protected override async ValueTask<DbConnection> OpenReaderAsync(CancellationToken cancellationToken)
    {
        await EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
        return await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
    }

    private protected override async Task CommitAsync(IReadOnlyList<AuditRecord> records)
    {
        await EnsureSchemaAsync(CancellationToken.None).ConfigureAwait(false);
        await using var connection = await _dataSource.OpenConnectionAsync().ConfigureAwait(false);
        // One statement, autocommitted: PostgreSQL's commit waits for the WAL flush (synchronous_commit on).
        await using var insert = new NpgsqlCommand(InsertSql, connection);
        insert.Parameters.Add(Column("tenant", records, r => r.TenantId));
        insert.Parameters.Add(new NpgsqlParameter<long[]>("at", NpgsqlDbType.Array | NpgsqlDbType.Bigint) { TypedValue = records.Select(r => r.At.ToUnixTimeMilliseconds()).ToArray() });
        insert.Parameters.Add(Column("actor", records, r => r.Actor));
        insert.Parameters.Add(Column("operation", records, r => r.Operation));
        insert.Parameters.Add(Column("target", records, r => r.Target));
        insert.Parameters.Add(Column("outcome", records, r => OutcomeText(r.Outcome)));
        insert.Parameters.Add(Column("reason", records, r => r.Reason));
        insert.Parameters.Add(Column("client", records, r => r.ClientAddress));
        await insert.ExecuteNonQueryAsync().ConfigureAwait(false);
    }

    private static NpgsqlParameter<string?[]> Column(string name, IReadOnlyList<AuditRecord> records, Func<AuditRecord, string?> value) =>
        new(name, NpgsqlDbType.Array | NpgsqlDbType.Text) { TypedValue = records.Select(value).ToArray() };

    private protected override async Task CreateSchemaAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (var lockCommand = new NpgsqlCommand($"SELECT pg_advisory_xact_lock({AdvisoryLockKey})", connection, transaction))
                await lockCommand.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            await using (var create = new NpgsqlCommand(Schema, connection, transaction))
                await create.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (NpgsqlException e)
        {
            throw new AuditLogException($"Creating the audit log's table in {StoreName} failed: {e.Message}. Check that the server runs and the user may create tables there.", e);
        }
    }

    private protected override ValueTask DisposeStoreAsync() => _dataSource.DisposeAsync();
}

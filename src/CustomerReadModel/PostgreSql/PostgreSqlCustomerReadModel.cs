using System.Data.Common;
using System.Globalization;
using System.Text;
using Crm.CustomerReadModel.Listings;
using Crm.CustomerReadModel.Queries;
using Crm.CustomerReadModel.Search;
using Crm.CustomerReadModel.Writing;
using Npgsql;

namespace Crm.CustomerReadModel.PostgreSql;

/// <summary>
/// The read model in a PostgreSQL database: pooled connections, the table created at first use under an advisory lock
/// (services starting at once take turns), and each group of writes sent as batches of statements in one transaction.
/// </summary>
public sealed class PostgreSqlCustomerReadModel : SqlCustomerReadModel
{
    // Statements a round trip carries during an import.
    private const int StatementsPerBatch = 500;

    private static readonly string[] Columns = ListingColumns.Written.Select(c => c.Name).ToArray();

    private static readonly string UpsertSql =
        $"INSERT INTO customer_listing ({string.Join(", ", Columns)}, search) " +
        $"VALUES ({string.Join(", ", Columns.Select(c => ListingColumns.Json.Contains(c) ? $"CAST(@{c} AS jsonb)" : "@" + c))}, CAST(@search AS tsvector)) " +
        $"ON CONFLICT (tenant_id, customer_id) DO UPDATE SET " +
        $"{string.Join(", ", Columns.Where(c => c is not ("tenant_id" or "customer_id")).Append("search").Select(c => $"{c} = excluded.{c}"))} " +
        "WHERE excluded.version > customer_listing.version";

    private readonly NpgsqlDataSource _dataSource;
    private readonly SemaphoreSlim _schemaLock = new(1, 1);
    private volatile bool _schemaCreated;

    /// <param name="connectionString">An Npgsql connection string, such as "Host=127.0.0.1;Port=5432;Username=crm;Password=...;Database=crm".</param>
    public PostgreSqlCustomerReadModel(string connectionString) : this(Parse(connectionString))
    {
    }

    private PostgreSqlCustomerReadModel(NpgsqlConnectionStringBuilder builder) : base($"PostgreSQL {builder.Host}:{builder.Port}/{builder.Database}") =>
        _dataSource = NpgsqlDataSource.Create(builder);

    private static NpgsqlConnectionStringBuilder Parse(string connectionString)
    {
        const string example = "\"Host=127.0.0.1;Port=5432;Username=crm;Password=...;Database=crm\"";
        if (string.IsNullOrWhiteSpace(connectionString))
            throw new ArgumentException($"The PostgreSQL connection string of the customer read model is empty: set it to one such as {example}.", nameof(connectionString));
        try
        {
            var builder = new NpgsqlConnectionStringBuilder(connectionString);
            if (string.IsNullOrWhiteSpace(builder.Host))
                throw new ArgumentException($"The PostgreSQL connection string has no Host: set one such as {example}.", nameof(connectionString));
            return builder;
        }
        catch (Exception e) when (e is FormatException or KeyNotFoundException or (ArgumentException and not { ParamName: nameof(connectionString) }))
        {
            throw new ArgumentException($"The PostgreSQL connection string is not valid ({e.Message}): set one such as {example}.", nameof(connectionString), e);
        }
    }

    private protected override async ValueTask<DbConnection> OpenReaderAsync(CancellationToken cancellationToken)
    {
        await EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
        return await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task EnsureSchemaAsync(CancellationToken cancellationToken)
    {
        if (_schemaCreated)
            return;
        await _schemaLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_schemaCreated)
                return;
            await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (var lockCommand = new NpgsqlCommand($"SELECT pg_advisory_xact_lock({PostgreSqlSchema.AdvisoryLockKey})", connection, transaction))
                await lockCommand.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            await using (var create = new NpgsqlCommand(PostgreSqlSchema.Create, connection, transaction))
                await create.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            _schemaCreated = true;
        }
        catch (NpgsqlException e)
        {
            throw new CustomerReadModelException($"Creating the customer read model's table in {StoreName} failed: {e.Message}. Check that the server runs and the user may create tables there.", e);
        }
        finally
        {
            _schemaLock.Release();
        }
    }

    private protected override string TagsAny(string placeholders) => $"jsonb_exists_any(tags, ARRAY[{placeholders}]::text[])";

    private protected override string CustomFieldEquals(string key, string value) => $"custom_fields ->> {key} = {value}";

    private protected override string SearchSql(SqlParameters p, string tenantId, IReadOnlyList<IReadOnlyList<string>> words, int first)
    {
        // tsquery text, not parsed into words again: the terms hold letters and digits only, so they are never syntax.
        var query = p.Add(string.Join(" & ", words.Select((alternatives, i) =>
            "(" + string.Join(" | ", alternatives.Select(t => i == words.Count - 1 ? $"'{t}':*" : $"'{t}'")) + ")")));
        // Weights D, C, B, A: the name's terms are A, the others B, which weigh 1/NameWeight as much.
        var weights = $"'{{0, 0, {(1 / SearchTerms.NameWeight).ToString(CultureInfo.InvariantCulture)}, 1}}'::float4[]";
        return $"SELECT {ListingColumns.Select} FROM customer_listing " +
               $"WHERE tenant_id = {p.Add(tenantId)} AND search @@ CAST({query} AS tsquery) " +
               $"ORDER BY ts_rank({weights}, search, CAST({query} AS tsquery)) DESC, name_key, customer_id LIMIT {p.Add(first)}";
    }

    private protected override async Task CommitAsync(IReadOnlyList<ListingWrite> writes, Func<Task> beforeCommit)
    {
        await EnsureSchemaAsync(CancellationToken.None).ConfigureAwait(false);
        await using var connection = await _dataSource.OpenConnectionAsync().ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync().ConfigureAwait(false);
        var batch = new NpgsqlBatch(connection, transaction);
        try
        {
            foreach (var write in writes)
            {
                foreach (var command in Commands(write))
                {
                    batch.BatchCommands.Add(command);
                    if (batch.BatchCommands.Count == StatementsPerBatch)
                    {
                        await batch.ExecuteNonQueryAsync().ConfigureAwait(false);
                        await batch.DisposeAsync().ConfigureAwait(false);
                        batch = new NpgsqlBatch(connection, transaction);
                    }
                }
            }
            if (batch.BatchCommands.Count > 0)
                await batch.ExecuteNonQueryAsync().ConfigureAwait(false);
        }
        finally
        {
            await batch.DisposeAsync().ConfigureAwait(false);
        }
        await beforeCommit().ConfigureAwait(false);
        await transaction.CommitAsync().ConfigureAwait(false);
    }

    private static IEnumerable<NpgsqlBatchCommand> Commands(ListingWrite write)
    {
        switch (write)
        {
            case UpsertListings upsert:
                foreach (var listing in upsert.Listings)
                {
                    var command = new NpgsqlBatchCommand(UpsertSql);
                    foreach (var (name, value) in ListingColumns.Written)
                        command.Parameters.AddWithValue(name, value(listing) ?? DBNull.Value);
                    command.Parameters.AddWithValue("search", SearchVector(listing));
                    yield return command;
                }
                break;
            case DeleteListing delete:
                yield return new NpgsqlBatchCommand("DELETE FROM customer_listing WHERE tenant_id = @tenant AND customer_id = @customer")
                {
                    Parameters = { new("tenant", delete.TenantId), new("customer", delete.CustomerId) },
                };
                break;
            case DeleteTenantListings tenant:
                yield return new NpgsqlBatchCommand("DELETE FROM customer_listing WHERE tenant_id = @tenant")
                {
                    Parameters = { new("tenant", tenant.TenantId) },
                };
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(write), write, "unknown write");
        }
    }

    /// <summary>The tsvector, written as its text form: each term with a position and its weight (A: name, B: the rest).</summary>
    private static string SearchVector(CustomerListing listing)
    {
        var (name, other) = SearchTerms.Of(listing);
        var vector = new StringBuilder();
        var position = 0;
        foreach (var (terms, weight) in new[] { (name, 'A'), (other, 'B') })
            foreach (var term in terms)
                vector.Append(CultureInfo.InvariantCulture, $"'{term}':{++position}{weight} ");
        return vector.ToString();
    }

    private protected override async ValueTask DisposeStoreAsync()
    {
        await _dataSource.DisposeAsync().ConfigureAwait(false);
        _schemaLock.Dispose();
    }
}

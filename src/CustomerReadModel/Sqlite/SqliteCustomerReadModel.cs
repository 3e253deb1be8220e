using System.Data.Common;
using System.Globalization;
using Crm.CustomerReadModel.Listings;
using Crm.CustomerReadModel.Queries;
using Crm.CustomerReadModel.Search;
using Crm.CustomerReadModel.Writing;
using Microsoft.Data.Sqlite;

namespace Crm.CustomerReadModel.Sqlite;

/// <summary>
/// The read model in one SQLite file, in WAL mode: one writer connection (the group-commit writer's, which takes the
/// write lock up front and commits durably, synchronous=FULL) and pooled reader connections that never block it.
/// Several processes may share the file: each writes in turn under SQLite's lock.
/// </summary>
public sealed class SqliteCustomerReadModel : SqlCustomerReadModel
{
    /// <summary>How long a statement waits for another process's write lock before it fails.</summary>
    private const int BusyTimeoutSeconds = 30;

    private readonly string _connectionString;
    private readonly SemaphoreSlim _schemaLock = new(1, 1);
    private volatile bool _schemaCreated;
    private SqliteConnection? _writer;

    /// <param name="connectionString">A Microsoft.Data.Sqlite connection string naming a file, such as "Data Source=/data/customers.db".</param>
    public SqliteCustomerReadModel(string connectionString) : this(Parse(connectionString))
    {
    }

    private SqliteCustomerReadModel((string ConnectionString, string File) store) : base($"SQLite {store.File}")
    {
        _connectionString = store.ConnectionString;
        FilePath = store.File;
    }

    public string FilePath { get; }

    private static (string, string) Parse(string connectionString)
    {
        const string example = "\"Data Source=/var/lib/crm/customers.db\"";
        if (string.IsNullOrWhiteSpace(connectionString))
            throw new ArgumentException($"The SQLite connection string of the customer read model is empty: set it to one such as {example}.", nameof(connectionString));
        SqliteConnectionStringBuilder builder;
        try
        {
            builder = new SqliteConnectionStringBuilder(connectionString);
        }
        catch (Exception e) when (e is ArgumentException or FormatException or KeyNotFoundException)
        {
            throw new ArgumentException($"\"{connectionString}\" is not a SQLite connection string ({e.Message}): set one such as {example}.", nameof(connectionString), e);
        }
        if (string.IsNullOrWhiteSpace(builder.DataSource))
            throw new ArgumentException($"The SQLite connection string \"{connectionString}\" has no Data Source: set one such as {example}.", nameof(connectionString));
        if (builder.Mode == SqliteOpenMode.Memory || builder.DataSource == ":memory:")
            throw new ArgumentException($"The SQLite connection string \"{connectionString}\" names an in-memory database, which the other services cannot read: give it a file.", nameof(connectionString));
        var file = Path.GetFullPath(builder.DataSource);
        builder.DataSource = file;
        builder.Pooling = true;
        builder.DefaultTimeout = Math.Max(builder.DefaultTimeout, BusyTimeoutSeconds);
        return (builder.ToString(), file);
    }

    private protected override async ValueTask<DbConnection> OpenReaderAsync(CancellationToken cancellationToken)
    {
        await EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
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
            if (Path.GetDirectoryName(FilePath) is { Length: > 0 } folder)
                Directory.CreateDirectory(folder);
            await using var connection = new SqliteConnection(_connectionString);
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            // WAL is a property of the file: the first process switches it, the others find it switched.
            Execute(connection, "PRAGMA journal_mode=WAL;");
            await using var transaction = connection.BeginTransaction(deferred: false);
            Execute(connection, SqliteSchema.Create, transaction);
            foreach (var (column, add) in SqliteSchema.Added)
                if (!HasColumn(connection, transaction, column))
                    Execute(connection, add, transaction);
            transaction.Commit();
            _schemaCreated = true;
        }
        catch (SqliteException e)
        {
            throw new CustomerReadModelException($"Creating the customer read model's tables in {FilePath} failed: {e.Message}. Check that the folder is writable and the file is a SQLite database.", e);
        }
        finally
        {
            _schemaLock.Release();
        }
    }

    private protected override string TagsAny(string placeholders) =>
        $"EXISTS (SELECT 1 FROM json_each(customer_listing.tags) WHERE json_each.value IN ({placeholders}))";

    // The object's members compared by key, not looked up by a JSON path: any character of a key is only ever a name.
    private protected override string CustomFieldEquals(string key, string value) =>
        $"EXISTS (SELECT 1 FROM json_each(customer_listing.custom_fields) WHERE json_each.key = {key} AND json_each.value = {value})";

    private protected override string SearchSql(SqlParameters p, string tenantId, IReadOnlyList<IReadOnlyList<string>> words, int first)
    {
        // Quoted terms, the last word's as prefixes: the terms hold letters and digits only, so they are never syntax.
        var match = string.Join(" AND ", words.Select((alternatives, i) =>
            "(" + string.Join(" OR ", alternatives.Select(t => i == words.Count - 1 ? $"\"{t}\"*" : $"\"{t}\"")) + ")"));
        var columns = string.Join(", ", ListingColumns.Select.Split(", ").Select(c => "l." + c));
        var weights = $"{SearchTerms.NameWeight.ToString(CultureInfo.InvariantCulture)}, 1.0";
        // The index ranks and cuts first; only the best rows are then read, by row id, and checked for the tenant.
        return $"SELECT {columns} FROM (SELECT rowid AS search_id, bm25(customer_search, {weights}) AS score FROM customer_search " +
               $"WHERE customer_search MATCH {p.Add(match)} ORDER BY score, rowid LIMIT {p.Add(first)}) s " +
               $"JOIN customer_listing l ON l.search_id = s.search_id WHERE l.tenant_id = {p.Add(tenantId)} ORDER BY s.score, s.search_id";
    }

    private protected override async Task CommitAsync(IReadOnlyList<ListingWrite> writes, Func<Task> beforeCommit)
    {
        await EnsureSchemaAsync(CancellationToken.None).ConfigureAwait(false);
        try
        {
            _writer ??= await OpenWriterAsync().ConfigureAwait(false);
            using var transaction = _writer.BeginTransaction(deferred: false);
            using (var statements = new SqliteListingStatements(_writer, transaction))
                foreach (var write in writes)
                    statements.Apply(write);
            await beforeCommit().ConfigureAwait(false);
            transaction.Commit();
        }
        catch (Exception e) when (e is not CommitGateFailedException)
        {
            // A connection that failed mid-transaction may be in any state: the next one starts afresh.
            _writer?.Dispose();
            _writer = null;
            throw;
        }
    }

    private async Task<SqliteConnection> OpenWriterAsync()
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync().ConfigureAwait(false);
        // FULL: a commit is on disk (the WAL fsynced) before any caller hears of it. The bigger cache (256 MB, taken
        // only as it fills) keeps the indexes' pages in memory during an import of a million rows.
        Execute(connection, $"PRAGMA busy_timeout={BusyTimeoutSeconds * 1000}; PRAGMA synchronous=FULL; PRAGMA cache_size=-262144;");
        return connection;
    }

    private static bool HasColumn(SqliteConnection connection, SqliteTransaction transaction, string column)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM pragma_table_info('customer_listing') WHERE name = @column";
        command.Transaction = transaction;
        command.Parameters.AddWithValue("@column", column);
        return (long)command.ExecuteScalar()! > 0;
    }

    private static void Execute(SqliteConnection connection, string sql, SqliteTransaction? transaction = null)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        command.ExecuteNonQuery();
    }

    private protected override ValueTask DisposeStoreAsync()
    {
        _writer?.Dispose();
        _schemaLock.Dispose();
        return ValueTask.CompletedTask;
    }
}

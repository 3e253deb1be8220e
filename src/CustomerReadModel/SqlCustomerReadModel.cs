using System.Data.Common;
using Crm.CustomerReadModel.Duplicates;
using Crm.CustomerReadModel.Listings;
using Crm.CustomerReadModel.Queries;
using Crm.CustomerReadModel.Writing;

namespace Crm.CustomerReadModel;

/// <summary>
/// What both stores share: argument checks, the group-commit writer, and every read, whose SQL is the same in both
/// but for the store's tags condition and full-text search. Each store gives its connections, schema and commit.
/// </summary>
public abstract class SqlCustomerReadModel : ICustomerReadModel, IAsyncDisposable, IFilterDialect
{
    private readonly GroupCommitWriter _writer;

    private protected SqlCustomerReadModel(string storeName)
    {
        StoreName = storeName;
        _writer = new GroupCommitWriter(CommitAsync, storeName);
    }

    /// <summary>The store and where it is (a file, a server), for messages.</summary>
    public string StoreName { get; }

    /// <summary>Transactions the writer committed: fewer than the writes when concurrent writes were grouped.</summary>
    public long CommittedTransactions => _writer.Transactions;

    /// <summary>Writes committed (each upsert, upsert-many or delete call counts one).</summary>
    public long CommittedWrites => _writer.Writes;

    /// <summary>Applies the writes in one transaction, awaits <paramref name="beforeCommit"/>, and commits it durably.</summary>
    private protected abstract Task CommitAsync(IReadOnlyList<ListingWrite> writes, Func<Task> beforeCommit);

    /// <summary>An open connection for reads, with the schema created.</summary>
    private protected abstract ValueTask<DbConnection> OpenReaderAsync(CancellationToken cancellationToken);

    /// <inheritdoc cref="IFilterDialect.TagsAny"/>
    private protected abstract string TagsAny(string placeholders);

    /// <inheritdoc cref="IFilterDialect.CustomFieldEquals"/>
    private protected abstract string CustomFieldEquals(string key, string value);

    string IFilterDialect.TagsAny(string placeholders) => TagsAny(placeholders);

    string IFilterDialect.CustomFieldEquals(string key, string value) => CustomFieldEquals(key, value);

    /// <summary>
    /// A statement giving the best matches first (the <see cref="ListingColumns.Select"/> columns): rows matching every
    /// word by one of its alternatives, the last word as a prefix (see <see cref="Search.SearchTerms.Query"/>).
    /// </summary>
    private protected abstract string SearchSql(SqlParameters parameters, string tenantId, IReadOnlyList<IReadOnlyList<string>> words, int first);

    public Task UpsertAsync(CustomerListing listing, CancellationToken cancellationToken = default)
    {
        Validate(listing);
        return _writer.WriteAsync(new UpsertListings([listing]) { CancellationToken = cancellationToken });
    }

    public Task UpsertManyAsync(IReadOnlyList<CustomerListing> listings, Task? commitAfter = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(listings);
        foreach (var listing in listings)
            Validate(listing);
        return listings.Count == 0
            ? commitAfter ?? Task.CompletedTask
            : _writer.WriteAsync(new UpsertListings(listings) { CancellationToken = cancellationToken, CommitAfter = commitAfter ?? Task.CompletedTask });
    }

    public Task DeleteAsync(string tenantId, string customerId, CancellationToken cancellationToken = default)
    {
        RequireTenant(tenantId);
        ArgumentException.ThrowIfNullOrWhiteSpace(customerId);
        return _writer.WriteAsync(new DeleteListing(tenantId, customerId) { CancellationToken = cancellationToken });
    }

    public Task DeleteTenantAsync(string tenantId, CancellationToken cancellationToken = default)
    {
        RequireTenant(tenantId);
        return _writer.WriteAsync(new DeleteTenantListings(tenantId) { CancellationToken = cancellationToken });
    }

    public async Task<CustomerListing?> GetAsync(string tenantId, string customerId, CancellationToken cancellationToken = default)
    {
        RequireTenant(tenantId);
        ArgumentException.ThrowIfNullOrWhiteSpace(customerId);
        var p = new SqlParameters();
        var sql = $"SELECT {ListingColumns.Select} FROM customer_listing WHERE tenant_id = {p.Add(tenantId)} AND customer_id = {p.Add(customerId)}";
        return (await ReadListingsAsync(sql, p, cancellationToken).ConfigureAwait(false)).SingleOrDefault();
    }

    public async Task<CustomerPage> QueryAsync(CustomerQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        RequireTenant(query.TenantId);
        if (query.First is < 1 or > CustomerQuery.MaxPageSize)
            throw new ArgumentException($"First is {query.First}: ask for 1 to {CustomerQuery.MaxPageSize} customers a page.", nameof(query));
        var after = query.After is null ? null : KeysetCursor.Decode(query.After, query.Sort);
        var p = new SqlParameters();
        var rows = await ReadListingsAsync(ListingSql.Page(p, query, after, this), p, cancellationToken).ConfigureAwait(false);
        var hasNext = rows.Count > query.First;
        var items = hasNext ? rows.GetRange(0, query.First) : rows;
        var end = items.Count == 0 ? null : KeysetCursor.After(items[^1], query.Sort).Encode();
        long? total = query.IncludeTotalCount ? await CountAsync(query.TenantId, query.Filter, cancellationToken).ConfigureAwait(false) : null;
        return new CustomerPage(items, hasNext, end, total);
    }

    public async Task<long> CountAsync(string tenantId, CustomerFilter filter, CancellationToken cancellationToken = default)
    {
        RequireTenant(tenantId);
        ArgumentNullException.ThrowIfNull(filter);
        var p = new SqlParameters();
        var sql = $"SELECT COUNT(*) FROM customer_listing WHERE {ListingSql.Where(p, tenantId, filter, this)}";
        await using var connection = await OpenReaderAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection, sql, p);
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);
    }

    public async Task<IReadOnlyDictionary<string, long>> CountByAsync(string tenantId, CountField field, CancellationToken cancellationToken = default)
    {
        RequireTenant(tenantId);
        var column = field switch
        {
            CountField.Stage => "stage",
            CountField.Tier => "tier",
            _ => throw new ArgumentOutOfRangeException(nameof(field), field, "CountByAsync counts by Stage or Tier."),
        };
        var p = new SqlParameters();
        var sql = $"SELECT {column}, COUNT(*) FROM customer_listing WHERE tenant_id = {p.Add(tenantId)} GROUP BY {column}";
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        await using var connection = await OpenReaderAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection, sql, p);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            counts[reader.GetString(0)] = reader.GetInt64(1);
        return counts;
    }

    public async Task<IReadOnlyList<CustomerListing>> SearchAsync(string tenantId, string text, int first, CancellationToken cancellationToken = default)
    {
        RequireTenant(tenantId);
        ArgumentNullException.ThrowIfNull(text);
        RequirePageSize(first);
        var words = Search.SearchTerms.Query(tenantId, text);
        if (words.Count == 0)
            return [];
        var p = new SqlParameters();
        return await ReadListingsAsync(SearchSql(p, tenantId, words, first), p, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<string>> FindDuplicatesAsync(
        string tenantId, string? email, string? phone, string? excludingCustomerId = null, CancellationToken cancellationToken = default)
    {
        RequireTenant(tenantId);
        var (emailKey, phoneKey) = (DuplicateKeys.Email(email), DuplicateKeys.Phone(phone));
        if (emailKey is null && phoneKey is null)
            return [];
        var p = new SqlParameters();
        var tenant = p.Add(tenantId);
        var matches = new List<string>();
        if (emailKey is not null)
            matches.Add($"SELECT customer_id FROM customer_listing WHERE tenant_id = {tenant} AND email_key = {p.Add(emailKey)}");
        if (phoneKey is not null)
            matches.Add($"SELECT customer_id FROM customer_listing WHERE tenant_id = {tenant} AND phone_key = {p.Add(phoneKey)}");
        var sql = $"SELECT customer_id FROM ({string.Join(" UNION ", matches)}) m";
        if (excludingCustomerId is not null)
            sql += $" WHERE customer_id <> {p.Add(excludingCustomerId)}";
        sql += " ORDER BY customer_id";
        return await ReadStringsAsync(sql, p, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<string?>> FindFirstDuplicatesAsync(
        string tenantId, IReadOnlyList<(string? Email, string? Phone)> keys, CancellationToken cancellationToken = default)
    {
        RequireTenant(tenantId);
        var normalized = keys.Select(k => (Email: DuplicateKeys.Email(k.Email), Phone: DuplicateKeys.Phone(k.Phone))).ToList();
        var emails = normalized.Select(k => k.Email).OfType<string>().Distinct().ToList();
        var phones = normalized.Select(k => k.Phone).OfType<string>().Distinct().ToList();
        var byEmail = new Dictionary<string, string>(StringComparer.Ordinal);
        var byPhone = new Dictionary<string, string>(StringComparer.Ordinal);
        // In slices, so that no statement passes more values than a store takes (SQLite's limit is 32,766).
        foreach (var (column, values, found) in new[] { ("email_key", emails, byEmail), ("phone_key", phones, byPhone) })
            foreach (var slice in values.Chunk(MaxValuesPerLookup))
            {
                var p = new SqlParameters();
                var sql = $"SELECT {column}, MIN(customer_id) FROM customer_listing WHERE tenant_id = {p.Add(tenantId)} " +
                    $"AND {column} IN ({p.AddList(slice)}) GROUP BY {column}";
                await using var connection = await OpenReaderAsync(cancellationToken).ConfigureAwait(false);
                await using var command = Command(connection, sql, p);
                await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                    found[reader.GetString(0)] = reader.GetString(1);
            }
        return [.. normalized.Select(k =>
        {
            var email = k.Email is null ? null : byEmail.GetValueOrDefault(k.Email);
            var phone = k.Phone is null ? null : byPhone.GetValueOrDefault(k.Phone);
            return email is null ? phone : phone is null ? email : string.CompareOrdinal(email, phone) <= 0 ? email : phone;
        })];
    }

    private const int MaxValuesPerLookup = 1_000;

    public async Task<IReadOnlyList<DuplicateGroup>> DuplicateCandidatesAsync(string tenantId, int first, CancellationToken cancellationToken = default)
    {
        RequireTenant(tenantId);
        RequirePageSize(first);
        var groups = new List<DuplicateGroup>();
        foreach (var (kind, column) in new[] { (DuplicateKind.Email, "email_key"), (DuplicateKind.Phone, "phone_key") })
        {
            if (groups.Count == first)
                break;
            var p = new SqlParameters();
            var tenant = p.Add(tenantId);
            var keys = await ReadStringsAsync(
                $"SELECT {column} FROM customer_listing WHERE tenant_id = {tenant} AND {column} IS NOT NULL " +
                $"GROUP BY {column} HAVING COUNT(*) > 1 ORDER BY {column} LIMIT {p.Add(first - groups.Count)}", p, cancellationToken).ConfigureAwait(false);
            foreach (var key in keys)
            {
                var q = new SqlParameters();
                var ids = await ReadStringsAsync(
                    $"SELECT customer_id FROM customer_listing WHERE tenant_id = {q.Add(tenantId)} AND {column} = {q.Add(key)} ORDER BY customer_id",
                    q, cancellationToken).ConfigureAwait(false);
                groups.Add(new DuplicateGroup(kind, key, ids));
            }
        }
        return groups;
    }

    public async ValueTask DisposeAsync()
    {
        await _writer.DisposeAsync().ConfigureAwait(false);
        await DisposeStoreAsync().ConfigureAwait(false);
        GC.SuppressFinalize(this);
    }

    /// <summary>Closes the store's connections once the writer has finished.</summary>
    private protected abstract ValueTask DisposeStoreAsync();

    private protected static DbCommand Command(DbConnection connection, string sql, SqlParameters parameters, DbTransaction? transaction = null)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        foreach (var (name, value) in parameters.Values)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value ?? DBNull.Value;
            command.Parameters.Add(parameter);
        }
        return command;
    }

    private async Task<List<CustomerListing>> ReadListingsAsync(string sql, SqlParameters p, CancellationToken cancellationToken)
    {
        await using var connection = await OpenReaderAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection, sql, p);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var listings = new List<CustomerListing>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            listings.Add(ListingColumns.Read(reader));
        return listings;
    }

    private async Task<List<string>> ReadStringsAsync(string sql, SqlParameters p, CancellationToken cancellationToken)
    {
        await using var connection = await OpenReaderAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection, sql, p);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var values = new List<string>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            values.Add(reader.GetString(0));
        return values;
    }

    private static void Validate(CustomerListing listing)
    {
        ArgumentNullException.ThrowIfNull(listing);
        RequireTenant(listing.TenantId);
        if (string.IsNullOrWhiteSpace(listing.CustomerId))
            throw new ArgumentException($"A listing of tenant {listing.TenantId} has no CustomerId.", nameof(listing));
        ArgumentNullException.ThrowIfNull(listing.Tags);
        ListingColumns.Money(listing.TotalSpend);
    }

    private static void RequireTenant(string tenantId)
    {
        if (string.IsNullOrWhiteSpace(tenantId))
            throw new ArgumentException("The tenant id is empty: every read and write of the read model is scoped to one tenant.", nameof(tenantId));
    }

    private static void RequirePageSize(int first)
    {
        if (first is < 1 or > CustomerQuery.MaxPageSize)
            throw new ArgumentException($"First is {first}: ask for 1 to {CustomerQuery.MaxPageSize} results.", nameof(first));
    }
}

using Crm.CustomerReadModel.Listings;
using Crm.CustomerReadModel.Search;
using Crm.CustomerReadModel.Writing;
using Microsoft.Data.Sqlite;

namespace Crm.CustomerReadModel.Sqlite;

/// <summary>
/// The statements of one write transaction, prepared once and bound again for each row. A listing and its search row
/// change together: an upsert that the version rule lets through returns the listing's search_rowid (null for a new
/// customer), and the search row is then inserted or replaced.
/// </summary>
internal sealed class SqliteListingStatements : IDisposable
{
    private static readonly string[] Columns = ListingColumns.Written.Select(c => c.Name).ToArray();

    private readonly SqliteCommand _upsert;
    private readonly SqliteCommand _insertSearch;
    private readonly SqliteCommand _linkSearch;
    private readonly SqliteCommand _updateSearch;
    private readonly SqliteCommand _delete;
    private readonly SqliteCommand _deleteSearch;
    private readonly SqliteCommand _deleteTenant;
    private readonly Dictionary<string, SqliteParameter> _upsertParameters;

    public SqliteListingStatements(SqliteConnection connection, SqliteTransaction transaction)
    {
        var updates = string.Join(", ", Columns.Where(c => c is not ("tenant_id" or "customer_id")).Select(c => $"{c} = excluded.{c}"));
        _upsert = Prepare(connection, transaction,
            $"INSERT INTO customer_listing ({string.Join(", ", Columns)}) VALUES ({string.Join(", ", Columns.Select(c => "@" + c))}) " +
            $"ON CONFLICT (tenant_id, customer_id) DO UPDATE SET {updates} WHERE excluded.version > customer_listing.version " +
            "RETURNING search_rowid",
            Columns);
        _upsertParameters = _upsert.Parameters.Cast<SqliteParameter>().ToDictionary(p => p.ParameterName[1..]);
        // FTS5 tables take no RETURNING clause: the new row's id comes from last_insert_rowid().
        _insertSearch = Prepare(connection, transaction,
            "INSERT INTO customer_search (name_terms, other_terms) VALUES (@name_terms, @other_terms); SELECT last_insert_rowid();",
            "name_terms", "other_terms");
        _linkSearch = Prepare(connection, transaction,
            "UPDATE customer_listing SET search_rowid = @search_rowid WHERE tenant_id = @tenant_id AND customer_id = @customer_id",
            "search_rowid", "tenant_id", "customer_id");
        _updateSearch = Prepare(connection, transaction,
            "UPDATE customer_search SET name_terms = @name_terms, other_terms = @other_terms WHERE rowid = @search_rowid",
            "name_terms", "other_terms", "search_rowid");
        _delete = Prepare(connection, transaction,
            "DELETE FROM customer_listing WHERE tenant_id = @tenant_id AND customer_id = @customer_id RETURNING search_rowid",
            "tenant_id", "customer_id");
        _deleteSearch = Prepare(connection, transaction, "DELETE FROM customer_search WHERE rowid = @search_rowid", "search_rowid");
        _deleteTenant = Prepare(connection, transaction,
            "DELETE FROM customer_search WHERE rowid IN (SELECT search_rowid FROM customer_listing WHERE tenant_id = @tenant_id); " +
            "DELETE FROM customer_listing WHERE tenant_id = @tenant_id",
            "tenant_id");
    }

    public void Apply(ListingWrite write)
    {
        switch (write)
        {
            case UpsertListings upsert:
                foreach (var listing in upsert.Listings)
                    Upsert(listing);
                break;
            case DeleteListing delete:
                Delete(delete.TenantId, delete.CustomerId);
                break;
            case DeleteTenantListings tenant:
                Bind(_deleteTenant, ("tenant_id", tenant.TenantId));
                _deleteTenant.ExecuteNonQuery();
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(write), write, "unknown write");
        }
    }

    private void Upsert(CustomerListing listing)
    {
        foreach (var (name, value) in ListingColumns.Written)
            _upsertParameters[name].Value = value(listing) ?? DBNull.Value;
        long? searchRowid;
        using (var reader = _upsert.ExecuteReader())
        {
            if (!reader.Read())
                return; // the stored row is as new or newer
            searchRowid = reader.IsDBNull(0) ? null : reader.GetInt64(0);
        }
        var (nameTerms, otherTerms) = SearchTerms.Of(listing);
        if (searchRowid is { } existing)
        {
            Bind(_updateSearch, ("name_terms", string.Join(' ', nameTerms)), ("other_terms", string.Join(' ', otherTerms)), ("search_rowid", existing));
            _updateSearch.ExecuteNonQuery();
            return;
        }
        Bind(_insertSearch, ("name_terms", string.Join(' ', nameTerms)), ("other_terms", string.Join(' ', otherTerms)));
        var inserted = (long)_insertSearch.ExecuteScalar()!;
        Bind(_linkSearch, ("search_rowid", inserted), ("tenant_id", listing.TenantId), ("customer_id", listing.CustomerId));
        _linkSearch.ExecuteNonQuery();
    }

    private void Delete(string tenantId, string customerId)
    {
        Bind(_delete, ("tenant_id", tenantId), ("customer_id", customerId));
        long? searchRowid;
        using (var reader = _delete.ExecuteReader())
            searchRowid = reader.Read() && !reader.IsDBNull(0) ? reader.GetInt64(0) : null;
        if (searchRowid is { } rowid)
        {
            Bind(_deleteSearch, ("search_rowid", rowid));
            _deleteSearch.ExecuteNonQuery();
        }
    }

    private static SqliteCommand Prepare(SqliteConnection connection, SqliteTransaction transaction, string sql, params string[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        foreach (var name in parameters)
            command.Parameters.Add(new SqliteParameter("@" + name, DBNull.Value));
        command.Prepare();
        return command;
    }

    private static void Bind(SqliteCommand command, params (string Name, object Value)[] values)
    {
        foreach (var (name, value) in values)
            command.Parameters["@" + name].Value = value;
    }

    public void Dispose()
    {
        foreach (var command in new[] { _upsert, _insertSearch, _linkSearch, _updateSearch, _delete, _deleteSearch, _deleteTenant })
            command.Dispose();
    }
}

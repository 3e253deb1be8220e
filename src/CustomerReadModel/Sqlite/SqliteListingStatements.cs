using Crm.CustomerReadModel.Listings;
using Crm.CustomerReadModel.Search;
using Crm.CustomerReadModel.Writing;
using Microsoft.Data.Sqlite;

namespace Crm.CustomerReadModel.Sqlite;

/// <summary>
/// The statements of one write transaction, prepared once and bound again for each row. The transaction holds the
/// file's write lock, so the row ids it gives new rows (after the largest one stored) are free: an insert that made a
/// row inserts its search entry; an update of a stored row leaves the entry to the update trigger.
/// </summary>
internal sealed class SqliteListingStatements : IDisposable
{
    private static readonly string[] Columns = [.. ListingColumns.Written.Select(c => c.Name), "name_terms", "other_terms", "search_id"];

    // An upsert in two statements: SQLite's ON CONFLICT DO UPDATE made every insert about twice as slow as one that
    // does nothing on a conflict (measured on 30,000 new rows: 64 against 31 µs a row), and an import's rows are new.
    private static readonly string InsertSql =
        $"INSERT INTO customer_listing ({string.Join(", ", Columns)}) VALUES ({string.Join(", ", Columns.Select(c => "@" + c))}) " +
        "ON CONFLICT (tenant_id, customer_id) DO NOTHING";

    private static readonly string UpdateSql =
        $"UPDATE customer_listing SET {string.Join(", ", Columns.Where(c => c is not ("tenant_id" or "customer_id" or "search_id")).Select(c => $"{c} = @{c}"))} " +
        "WHERE tenant_id = @tenant_id AND customer_id = @customer_id AND version < @version";

    private readonly SqliteCommand _insert;
    private readonly SqliteCommand _update;
    private readonly SqliteCommand _insertSearch;
    private readonly SqliteParameter[] _insertParameters;
    private readonly SqliteParameter[] _updateParameters;
    private readonly SqliteCommand _delete;
    private readonly SqliteCommand _deleteTenant;
    private long _nextSearchId;

    public SqliteListingStatements(SqliteConnection connection, SqliteTransaction transaction)
    {
        using (var last = Prepare(connection, transaction, "SELECT COALESCE(MAX(search_id), 0) FROM customer_listing"))
            _nextSearchId = (long)last.ExecuteScalar()! + 1;
        _insert = Prepare(connection, transaction, InsertSql, Columns);
        _update = Prepare(connection, transaction, UpdateSql, Columns[..^1]);
        _insertSearch = Prepare(connection, transaction,
            "INSERT INTO customer_search (rowid, name_terms, other_terms) VALUES (@search_id, @name_terms, @other_terms)",
            "search_id", "name_terms", "other_terms");
        _insertParameters = [.. _insert.Parameters.Cast<SqliteParameter>()];
        _updateParameters = [.. _update.Parameters.Cast<SqliteParameter>()];
        _delete = Prepare(connection, transaction,
            "DELETE FROM customer_listing WHERE tenant_id = @tenant_id AND customer_id = @customer_id", "tenant_id", "customer_id");
        _deleteTenant = Prepare(connection, transaction, "DELETE FROM customer_listing WHERE tenant_id = @tenant_id", "tenant_id");
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
                _delete.Parameters[0].Value = delete.TenantId;
                _delete.Parameters[1].Value = delete.CustomerId;
                _delete.ExecuteNonQuery();
                break;
            case DeleteTenantListings tenant:
                _deleteTenant.Parameters[0].Value = tenant.TenantId;
                _deleteTenant.ExecuteNonQuery();
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(write), write, "unknown write");
        }
    }

    /// <summary>Stores the row unless the stored one is as new or newer (the update's WHERE).</summary>
    private void Upsert(CustomerListing listing)
    {
        var written = ListingColumns.Written;
        for (var i = 0; i < written.Count; i++)
            _insertParameters[i].Value = written[i].Value(listing) ?? DBNull.Value;
        var (nameTerms, otherTerms) = SearchTerms.Of(listing);
        _insertParameters[written.Count].Value = string.Join(' ', nameTerms);
        _insertParameters[written.Count + 1].Value = string.Join(' ', otherTerms);
        _insertParameters[written.Count + 2].Value = _nextSearchId;
        if (_insert.ExecuteNonQuery() == 1)
        {
            _insertSearch.Parameters[0].Value = _nextSearchId++;
            _insertSearch.Parameters[1].Value = _insertParameters[written.Count].Value;
            _insertSearch.Parameters[2].Value = _insertParameters[written.Count + 1].Value;
            _insertSearch.ExecuteNonQuery();
            return;
        }
        // The customer is listed: the same values (all but the offered row id) update it if they are newer.
        for (var i = 0; i < _updateParameters.Length; i++)
            _updateParameters[i].Value = _insertParameters[i].Value;
        _update.ExecuteNonQuery();
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

    public void Dispose()
    {
        _insert.Dispose();
        _update.Dispose();
        _insertSearch.Dispose();
        _delete.Dispose();
        _deleteTenant.Dispose();
    }
}

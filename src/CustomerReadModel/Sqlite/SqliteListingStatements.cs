using Crm.CustomerReadModel.Listings;
using Crm.CustomerReadModel.Search;
using Crm.CustomerReadModel.Writing;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Crm.CustomerReadModel.Sqlite;

/// <summary>
/// The statements of one write transaction, prepared once and bound again for each row. The transaction holds the
/// file's write lock, so the row ids it gives new rows (after the largest one stored) are free: an upsert that made a
/// row with the id offered inserts its search entry; one that updated a row leaves the entry to the update trigger.
/// </summary>
internal sealed class SqliteListingStatements : IDisposable
{
    private static readonly string[] Columns = [.. ListingColumns.Written.Select(c => c.Name), "name_terms", "other_terms", "search_id"];

    private static readonly string UpsertSql =
        $"INSERT INTO customer_listing ({string.Join(", ", Columns)}) VALUES ({string.Join(", ", Columns.Select(c => "@" + c))}) " +
        $"ON CONFLICT (tenant_id, customer_id) DO UPDATE SET " +
        $"{string.Join(", ", Columns.Where(c => c is not ("tenant_id" or "customer_id" or "search_id")).Select(c => $"{c} = excluded.{c}"))} " +
        "WHERE excluded.version > customer_listing.version";

    private readonly SqliteConnection _connection;
    private readonly SqliteCommand _upsert;
    private readonly SqliteCommand _insertSearch;
    private readonly SqliteParameter[] _upsertParameters;
    private readonly SqliteCommand _delete;
    private readonly SqliteCommand _deleteTenant;
    private long _nextSearchId;

    public SqliteListingStatements(SqliteConnection connection, SqliteTransaction transaction)
    {
        _connection = connection;
        // Above the connection's last inserted row id too, which may be a row since deleted: an offered id never equals it.
        using (var last = Prepare(connection, transaction, "SELECT COALESCE(MAX(search_id), 0) FROM customer_listing"))
            _nextSearchId = Math.Max((long)last.ExecuteScalar()!, raw.sqlite3_last_insert_rowid(connection.Handle)) + 1;
        _upsert = Prepare(connection, transaction, UpsertSql, Columns);
        _insertSearch = Prepare(connection, transaction,
            "INSERT INTO customer_search (rowid, name_terms, other_terms) VALUES (@search_id, @name_terms, @other_terms)",
            "search_id", "name_terms", "other_terms");
        _upsertParameters = [.. _upsert.Parameters.Cast<SqliteParameter>()];
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

    /// <summary>Stores the row unless the stored one is as new or newer (the statement's WHERE).</summary>
    private void Upsert(CustomerListing listing)
    {
        var written = ListingColumns.Written;
        for (var i = 0; i < written.Count; i++)
            _upsertParameters[i].Value = written[i].Value(listing) ?? DBNull.Value;
        var (nameTerms, otherTerms) = SearchTerms.Of(listing);
        var (names, others) = (string.Join(' ', nameTerms), string.Join(' ', otherTerms));
        _upsertParameters[written.Count].Value = names;
        _upsertParameters[written.Count + 1].Value = others;
        _upsertParameters[written.Count + 2].Value = _nextSearchId;
        // No change: the stored row is as new or newer. A change with the offered id as the last inserted row id: a
        // new row (an update leaves that id as it was, and every id offered before was smaller).
        if (_upsert.ExecuteNonQuery() == 0 || raw.sqlite3_last_insert_rowid(_connection.Handle) != _nextSearchId)
            return;
        _insertSearch.Parameters[0].Value = _nextSearchId++;
        _insertSearch.Parameters[1].Value = names;
        _insertSearch.Parameters[2].Value = others;
        _insertSearch.ExecuteNonQuery();
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
        _upsert.Dispose();
        _insertSearch.Dispose();
        _delete.Dispose();
        _deleteTenant.Dispose();
    }
}

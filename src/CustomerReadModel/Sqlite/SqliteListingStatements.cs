using Crm.CustomerReadModel.Listings;
using Crm.CustomerReadModel.Search;
using Crm.CustomerReadModel.Writing;
using Microsoft.Data.Sqlite;

namespace Crm.CustomerReadModel.Sqlite;

/// <summary>
/// The statements of one write transaction, prepared once and bound again for each row: one statement a row, since
/// the schema's triggers keep the search index in step.
/// </summary>
internal sealed class SqliteListingStatements : IDisposable
{
    private static readonly string[] Columns = [.. ListingColumns.Written.Select(c => c.Name), "name_terms", "other_terms"];

    private static readonly string UpsertSql =
        $"INSERT INTO customer_listing ({string.Join(", ", Columns)}) VALUES ({string.Join(", ", Columns.Select(c => "@" + c))}) " +
        $"ON CONFLICT (tenant_id, customer_id) DO UPDATE SET " +
        $"{string.Join(", ", Columns.Where(c => c is not ("tenant_id" or "customer_id")).Select(c => $"{c} = excluded.{c}"))} " +
        "WHERE excluded.version > customer_listing.version";

    private readonly SqliteCommand _upsert;
    private readonly SqliteParameter[] _upsertParameters;
    private readonly SqliteCommand _delete;
    private readonly SqliteCommand _deleteTenant;

    public SqliteListingStatements(SqliteConnection connection, SqliteTransaction transaction)
    {
        _upsert = Prepare(connection, transaction, UpsertSql, Columns);
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
        _upsertParameters[written.Count].Value = string.Join(' ', nameTerms);
        _upsertParameters[written.Count + 1].Value = string.Join(' ', otherTerms);
        _upsert.ExecuteNonQuery();
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
        _delete.Dispose();
        _deleteTenant.Dispose();
    }
}

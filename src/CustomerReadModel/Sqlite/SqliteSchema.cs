using Crm.CustomerReadModel.Listings;
using Crm.CustomerReadModel.Search;

namespace Crm.CustomerReadModel.Sqlite;

/// <summary>
/// The read model's tables in SQLite. A listing is found by its key (tenant_id, customer_id), and every index starts
/// with tenant_id. Its search_id is SQLite's row id, declared so that it never changes (VACUUM renumbers undeclared
/// row ids): it links the row to its entry in the FTS5 index of the row's stored terms (which all start with the
/// tenant's code, see <see cref="SearchTerms"/>). A new row's writer adds its entry itself, which costs half what an
/// insert trigger did per imported row (measured); triggers keep the entry in step when the terms change or the row goes.
/// </summary>
internal static class SqliteSchema
{
    /// <summary>The custom_fields of a row written before the column was: an empty JSON object.</summary>
    private const string NoCustomFields = "'{}'";

    public static readonly string Create = $"""
        CREATE TABLE IF NOT EXISTS customer_listing (
            search_id INTEGER PRIMARY KEY,
            tenant_id TEXT NOT NULL,
            customer_id TEXT NOT NULL,
            name TEXT NOT NULL,
            name_key TEXT NOT NULL,
            email TEXT,
            email_key TEXT,
            phone TEXT,
            phone_key TEXT,
            country TEXT,
            region TEXT,
            city TEXT,
            stage TEXT NOT NULL,
            tier TEXT NOT NULL,
            tags TEXT NOT NULL,
            source_channel TEXT,
            birthday TEXT,
            birthday_month INTEGER,
            gender TEXT,
            age_band TEXT,
            income_band TEXT,
            total_spend_e4 INTEGER NOT NULL,
            order_count INTEGER NOT NULL,
            interaction_count INTEGER NOT NULL,
            last_interaction_at INTEGER NOT NULL,
            open_complaints INTEGER NOT NULL,
            latest_csat INTEGER,
            created_at INTEGER NOT NULL,
            updated_at INTEGER NOT NULL,
            version INTEGER NOT NULL,
            custom_fields TEXT NOT NULL DEFAULT {NoCustomFields},
            name_terms TEXT NOT NULL,
            other_terms TEXT NOT NULL,
            UNIQUE (tenant_id, customer_id)
        );
        {ListingIndexes.Create}
        CREATE VIRTUAL TABLE IF NOT EXISTS customer_search USING fts5(
            name_terms, other_terms,
            content = 'customer_listing', content_rowid = 'search_id',
            tokenize = 'unicode61 remove_diacritics 0',
            prefix = '{SearchTerms.TenantCodeLength + 1} {SearchTerms.TenantCodeLength + 2}',
            detail = column);
        CREATE TRIGGER IF NOT EXISTS customer_listing_search_delete AFTER DELETE ON customer_listing BEGIN
            INSERT INTO customer_search (customer_search, rowid, name_terms, other_terms) VALUES ('delete', old.search_id, old.name_terms, old.other_terms);
        END;
        CREATE TRIGGER IF NOT EXISTS customer_listing_search_update AFTER UPDATE OF name_terms, other_terms ON customer_listing
        WHEN old.name_terms IS NOT new.name_terms OR old.other_terms IS NOT new.other_terms BEGIN
            INSERT INTO customer_search (customer_search, rowid, name_terms, other_terms) VALUES ('delete', old.search_id, old.name_terms, old.other_terms);
            INSERT INTO customer_search (rowid, name_terms, other_terms) VALUES (new.search_id, new.name_terms, new.other_terms);
        END;
        """;

    /// <summary>
    /// The columns added since the table's first version, each with the statement that adds it to a file made before
    /// it. Its rows take the default until their customer's next write.
    /// </summary>
    public static readonly IReadOnlyList<(string Column, string Add)> Added =
    [
        ("custom_fields", $"ALTER TABLE customer_listing ADD COLUMN custom_fields TEXT NOT NULL DEFAULT {NoCustomFields};"),
    ];
}

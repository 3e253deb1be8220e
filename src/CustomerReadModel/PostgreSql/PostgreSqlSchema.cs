using Crm.CustomerReadModel.Listings;

namespace Crm.CustomerReadModel.PostgreSql;

/// <summary>
/// The read model's table in PostgreSQL, keyed (tenant_id, customer_id); every b-tree index starts with tenant_id.
/// Text that sorts or pages compares bytewise (COLLATE "C"), as SQLite does. Search is a tsvector of terms that all
/// start with the tenant's code, under a GIN index.
/// </summary>
internal static class PostgreSqlSchema
{
    // Any fixed number: every process that creates the read model's table takes this lock, so they take turns.
    public const long AdvisoryLockKey = 0x43524d5245414431; // "CRMREAD1"

    /// <summary>The custom_fields of a row written before the column was: an empty JSON object.</summary>
    private const string NoCustomFields = "'{}'";

    public static readonly string Create = $"""
        CREATE TABLE IF NOT EXISTS customer_listing (
            tenant_id text COLLATE "C" NOT NULL,
            customer_id text COLLATE "C" NOT NULL,
            name text NOT NULL,
            name_key text COLLATE "C" NOT NULL,
            email text,
            email_key text COLLATE "C",
            phone text,
            phone_key text COLLATE "C",
            country text,
            region text,
            city text,
            stage text NOT NULL,
            tier text NOT NULL,
            tags jsonb NOT NULL,
            source_channel text,
            birthday text,
            birthday_month integer,
            gender text,
            age_band text,
            income_band text,
            total_spend_e4 bigint NOT NULL,
            order_count integer NOT NULL,
            interaction_count bigint NOT NULL,
            last_interaction_at bigint NOT NULL,
            open_complaints integer NOT NULL,
            latest_csat integer,
            created_at bigint NOT NULL,
            updated_at bigint NOT NULL,
            version bigint NOT NULL,
            custom_fields jsonb NOT NULL DEFAULT {NoCustomFields},
            search tsvector NOT NULL,
            PRIMARY KEY (tenant_id, customer_id)
        );
        -- Added since the table's first version: a table made before gets the column, its rows the default until
        -- their customer's next write.
        ALTER TABLE customer_listing ADD COLUMN IF NOT EXISTS custom_fields jsonb NOT NULL DEFAULT {NoCustomFields};
        {ListingIndexes.Create}
        CREATE INDEX IF NOT EXISTS customer_listing_search ON customer_listing USING gin (search);
        """;
}

namespace Crm.CustomerReadModel.Listings;

/// <summary>
/// The listing table's indexes, the same statements in both stores' schema: one for each sort (tenant first, the id
/// breaking ties, as keyset paging reads them), one for counts by stage and tier, and the duplicate keys.
/// </summary>
internal static class ListingIndexes
{
    public const string Create = """
        CREATE INDEX IF NOT EXISTS customer_listing_by_name ON customer_listing (tenant_id, name_key, customer_id);
        CREATE INDEX IF NOT EXISTS customer_listing_by_created ON customer_listing (tenant_id, created_at, customer_id);
        CREATE INDEX IF NOT EXISTS customer_listing_by_updated ON customer_listing (tenant_id, updated_at, customer_id);
        CREATE INDEX IF NOT EXISTS customer_listing_by_spend ON customer_listing (tenant_id, total_spend_e4, customer_id);
        CREATE INDEX IF NOT EXISTS customer_listing_by_last_interaction ON customer_listing (tenant_id, last_interaction_at, customer_id);
        CREATE INDEX IF NOT EXISTS customer_listing_by_orders ON customer_listing (tenant_id, order_count, customer_id);
        CREATE INDEX IF NOT EXISTS customer_listing_by_stage_tier ON customer_listing (tenant_id, stage, tier);
        CREATE INDEX IF NOT EXISTS customer_listing_by_email ON customer_listing (tenant_id, email_key) WHERE email_key IS NOT NULL;
        CREATE INDEX IF NOT EXISTS customer_listing_by_phone ON customer_listing (tenant_id, phone_key) WHERE phone_key IS NOT NULL;
        """;
}

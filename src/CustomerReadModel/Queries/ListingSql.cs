using Crm.CustomerReadModel.Listings;

namespace Crm.CustomerReadModel.Queries;

/// <summary>
/// The SQL of lists and counts, which both stores share: the tenant's condition first, then the filter's, then the
/// keyset condition and order. Each sort has an index (tenant_id, key, customer_id) that serves both directions.
/// </summary>
internal static class ListingSql
{
    public static string SortColumn(SortField field) => field switch
    {
        SortField.Name => "name_key",
        SortField.CreatedAt => "created_at",
        SortField.UpdatedAt => "updated_at",
        SortField.TotalSpend => "total_spend_e4",
        SortField.LastInteractionAt => "last_interaction_at",
        SortField.OrderCount => "order_count",
        _ => throw new ArgumentOutOfRangeException(nameof(field), field, "unknown sort field"),
    };

    /// <summary>The WHERE condition (without the keyword) of the tenant's customers matching the filter.</summary>
    /// <param name="dialect">The store's conditions on JSON columns.</param>
    public static string Where(SqlParameters p, string tenantId, CustomerFilter f, IFilterDialect dialect)
    {
        var conditions = new List<string> { $"tenant_id = {p.Add(tenantId)}" };
        if (f.Stages is { } stages)
            conditions.Add(stages.Count == 0 ? "1 = 0" : $"stage IN ({p.AddList(stages)})");
        if (f.Tiers is { } tiers)
            conditions.Add(tiers.Count == 0 ? "1 = 0" : $"tier IN ({p.AddList(tiers)})");
        if (f.TagsAny is { } tags)
            conditions.Add(tags.Count == 0 ? "1 = 0" : dialect.TagsAny(p.AddList(tags)));
        Equal("country", f.Country);
        Equal("region", f.Region);
        Equal("city", f.City);
        Equal("source_channel", f.SourceChannel);
        Equal("gender", f.Gender);
        Equal("age_band", f.AgeBand);
        Equal("income_band", f.IncomeBand);
        Compare("total_spend_e4", ">=", f.MinTotalSpend is { } minSpend ? ListingColumns.Money(minSpend) : null);
        Compare("total_spend_e4", "<=", f.MaxTotalSpend is { } maxSpend ? ListingColumns.Money(maxSpend) : null);
        Compare("order_count", ">=", f.MinOrderCount);
        Compare("order_count", "<=", f.MaxOrderCount);
        if (f.LastInteractionBefore is { } before)
            conditions.Add($"last_interaction_at <> {ListingColumns.NoInteraction} AND last_interaction_at < {p.Add(ListingColumns.Time(before))}");
        Compare("last_interaction_at", ">=", f.LastInteractionAfter is { } after ? ListingColumns.Time(after) : null);
        Compare("created_at", "<", f.CreatedBefore is { } createdBefore ? ListingColumns.Time(createdBefore) : null);
        Compare("created_at", ">=", f.CreatedAfter is { } createdAfter ? ListingColumns.Time(createdAfter) : null);
        if (f.HasOpenComplaints is { } open)
            conditions.Add(open ? "open_complaints > 0" : "open_complaints = 0");
        if (f.BirthdayMonth is { } month)
        {
            if (month is < 1 or > 12)
                throw new ArgumentOutOfRangeException(nameof(f), month, "BirthdayMonth must be 1 (January) to 12 (December).");
            conditions.Add($"birthday_month = {p.Add(month)}");
        }
        if (f.CustomFields is { } fields)
            foreach (var (key, value) in fields)
                conditions.Add(dialect.CustomFieldEquals(p.Add(key), p.Add(value)));
        return string.Join(" AND ", conditions);

        void Equal(string column, string? value)
        {
            if (value is not null)
                conditions.Add($"{column} = {p.Add(value)}");
        }

        void Compare(string column, string op, long? value)
        {
            if (value is not null)
                conditions.Add($"{column} {op} {p.Add(value.Value)}");
        }
    }

    /// <summary>One page: the filter, the keyset condition after the cursor, the order, and one row more than asked.</summary>
    public static string Page(SqlParameters p, CustomerQuery query, KeysetCursor? after, IFilterDialect dialect)
    {
        var where = Where(p, query.TenantId, query.Filter, dialect);
        var column = SortColumn(query.Sort.Field);
        var (op, direction) = query.Sort.Direction == SortDirection.Ascending ? (">", "ASC") : ("<", "DESC");
        if (after is not null)
            where += $" AND ({column}, customer_id) {op} ({p.Add(after.Key)}, {p.Add(after.CustomerId)})";
        return $"SELECT {ListingColumns.Select} FROM customer_listing WHERE {where} " +
               $"ORDER BY {column} {direction}, customer_id {direction} LIMIT {p.Add(query.First + 1)}";
    }
}

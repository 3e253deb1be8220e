using Crm.CustomerReadModel.Queries;

namespace Crm.GraphQL.Csv;

/// <summary>
/// The export's filter and order from its query string: <c>stage</c>, <c>tier</c> and <c>tag</c> take one value or
/// several separated by commas; <c>country</c>, <c>region</c>, <c>city</c>, <c>sourceChannel</c>, <c>gender</c>,
/// <c>ageBand</c> and <c>incomeBand</c> compare exactly; <c>sort</c> is a field (name, createdAt, updatedAt,
/// totalSpend, lastInteractionAt, orderCount) and <c>direction</c> asc or desc.
/// </summary>
public static class ExportQuery
{
    /// <summary>Null when the query is valid, else what is wrong with it.</summary>
    public static string? Parse(IQueryCollection query, out CustomerFilter filter, out CustomerSort sort)
    {
        filter = new CustomerFilter
        {
            Stages = List(query, "stage", upper: true),
            Tiers = List(query, "tier", upper: true),
            TagsAny = List(query, "tag", upper: false),
            Country = Text(query, "country")?.ToUpperInvariant(),
            Region = Text(query, "region"),
            City = Text(query, "city"),
            SourceChannel = Text(query, "sourceChannel")?.ToUpperInvariant(),
            Gender = Text(query, "gender")?.ToUpperInvariant(),
            AgeBand = Text(query, "ageBand"),
            IncomeBand = Text(query, "incomeBand"),
        };
        sort = CustomerSort.Default;
        var field = SortField.Name;
        if (Text(query, "sort") is { } sortText && !Enum.TryParse(sortText, ignoreCase: true, out field))
            return $"'{sortText}' is not a sort: use one of {string.Join(", ", Enum.GetNames<SortField>().Select(n => char.ToLowerInvariant(n[0]) + n[1..]))}.";
        var direction = Text(query, "direction")?.ToLowerInvariant() switch
        {
            null or "asc" => SortDirection.Ascending,
            "desc" => SortDirection.Descending,
            var other => (SortDirection?)null,
        };
        if (direction is null)
            return $"'{query["direction"]}' is not a direction: use asc or desc.";
        sort = new CustomerSort(field, direction.Value);
        return null;
    }

    private static string? Text(IQueryCollection query, string name) =>
        query[name].FirstOrDefault() is { } value && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;

    private static IReadOnlyList<string>? List(IQueryCollection query, string name, bool upper)
    {
        var values = query[name].SelectMany(v => (v ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Select(v => upper ? v.ToUpperInvariant() : v.ToLowerInvariant()).ToList();
        return values.Count == 0 ? null : values;
    }
}

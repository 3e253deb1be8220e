namespace Crm.CustomerReadModel.Queries;

/// <summary>
/// Which customers a list, count or segment takes: every condition set must hold (unset ones take everything). Lists
/// match any of their values; text compares exactly; "min"/"max" bounds are inclusive; time ranges take
/// [After, Before): "after" inclusive, "before" exclusive.
/// </summary>
public sealed record CustomerFilter
{
    public static CustomerFilter All { get; } = new();

    public IReadOnlyList<string>? Stages { get; init; }
    public IReadOnlyList<string>? Tiers { get; init; }
    /// <summary>Customers with at least one of these tags.</summary>
    public IReadOnlyList<string>? TagsAny { get; init; }
    public string? Country { get; init; }
    public string? Region { get; init; }
    public string? City { get; init; }
    public string? SourceChannel { get; init; }
    public string? Gender { get; init; }
    public string? AgeBand { get; init; }
    public string? IncomeBand { get; init; }
    public decimal? MinTotalSpend { get; init; }
    public decimal? MaxTotalSpend { get; init; }
    public int? MinOrderCount { get; init; }
    public int? MaxOrderCount { get; init; }
    /// <summary>Customers whose last interaction is before this time (customers with none are not taken).</summary>
    public DateTimeOffset? LastInteractionBefore { get; init; }
    public DateTimeOffset? LastInteractionAfter { get; init; }
    public DateTimeOffset? CreatedBefore { get; init; }
    public DateTimeOffset? CreatedAfter { get; init; }
    /// <summary>True: customers with an open complaint; false: customers with none.</summary>
    public bool? HasOpenComplaints { get; init; }
    /// <summary>1 to 12: customers born in that month.</summary>
    public int? BirthdayMonth { get; init; }
    /// <summary>Customers whose custom field of each key holds exactly its value, in the stored form (NUMBER 712.5, BOOLEAN true, DATE yyyy-MM-dd).</summary>
    public IReadOnlyDictionary<string, string>? CustomFields { get; init; }
}

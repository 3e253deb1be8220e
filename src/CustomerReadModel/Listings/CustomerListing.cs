using System.Collections.ObjectModel;

namespace Crm.CustomerReadModel.Listings;

/// <summary>
/// One customer as lists, filters, search and duplicate checks see it: a row of the read model, written by the
/// customer grain after each of its writes. Times are stored and returned in UTC; money keeps four decimal places.
/// </summary>
public sealed record CustomerListing
{
    public required string TenantId { get; init; }
    public required string CustomerId { get; init; }
    public required string Name { get; init; }
    public string? Email { get; init; }
    /// <summary>E.164, such as +14155550100.</summary>
    public string? Phone { get; init; }
    public string? Country { get; init; }
    public string? Region { get; init; }
    public string? City { get; init; }
    /// <summary>The lifecycle stage's name, such as MATURITY.</summary>
    public required string Stage { get; init; }
    /// <summary>The value tier: A, B or C.</summary>
    public required string Tier { get; init; }
    public IReadOnlyList<string> Tags { get; init; } = [];
    public string? SourceChannel { get; init; }
    public DateOnly? Birthday { get; init; }
    public string? Gender { get; init; }
    public string? AgeBand { get; init; }
    public string? IncomeBand { get; init; }
    public decimal TotalSpend { get; init; }
    public int OrderCount { get; init; }
    public long InteractionCount { get; init; }
    public DateTimeOffset? LastInteractionAt { get; init; }
    public int OpenComplaints { get; init; }
    public int? LatestCsat { get; init; }
    /// <summary>
    /// The tenant-defined fields by key, each value in its type's stored form (NUMBER 712.5, BOOLEAN true, DATE
    /// yyyy-MM-dd). Without any, the one shared empty instance, so that listings without custom fields compare equal.
    /// </summary>
    public IReadOnlyDictionary<string, string> CustomFields { get; init; } = ReadOnlyDictionary<string, string>.Empty;
    public required DateTimeOffset CreatedAt { get; init; }
    public required DateTimeOffset UpdatedAt { get; init; }
    /// <summary>
    /// The grain's write counter. An upsert whose version is not greater than the stored row's is ignored, so a late,
    /// stale write never overwrites a newer row.
    /// </summary>
    public required long Version { get; init; }
}

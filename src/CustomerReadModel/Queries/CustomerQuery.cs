using Crm.CustomerReadModel.Listings;

namespace Crm.CustomerReadModel.Queries;

/// <summary>One page of a tenant's customers: <see cref="First"/> rows (1 to 100) after the cursor, in the sort's order.</summary>
public sealed record CustomerQuery
{
    public const int MaxPageSize = 100;

    public required string TenantId { get; init; }
    public CustomerFilter Filter { get; init; } = CustomerFilter.All;
    public CustomerSort Sort { get; init; } = CustomerSort.Default;
    /// <summary>The <see cref="CustomerPage.EndCursor"/> of the previous page, or null for the first page.</summary>
    public string? After { get; init; }
    public int First { get; init; } = 20;
    /// <summary>Whether to count every match too (it reads all of them, so ask only when it is shown).</summary>
    public bool IncludeTotalCount { get; init; }
}

/// <param name="Items">The rows of this page.</param>
/// <param name="HasNextPage">Whether more rows follow <paramref name="EndCursor"/>.</param>
/// <param name="EndCursor">Pass as <see cref="CustomerQuery.After"/> for the next page; null when the page is empty.</param>
/// <param name="TotalCount">Every match, when <see cref="CustomerQuery.IncludeTotalCount"/> asked for it.</param>
public sealed record CustomerPage(IReadOnlyList<CustomerListing> Items, bool HasNextPage, string? EndCursor, long? TotalCount);

public enum SortField
{
    Name,
    CreatedAt,
    UpdatedAt,
    TotalSpend,
    /// <summary>Customers with no interaction come first ascending, last descending.</summary>
    LastInteractionAt,
    OrderCount,
}

public enum SortDirection
{
    Ascending,
    Descending,
}

/// <summary>The order of a list; ties are broken by customer id in the same direction. Names compare case-insensitively.</summary>
public sealed record CustomerSort(SortField Field, SortDirection Direction)
{
    public static CustomerSort Default { get; } = new(SortField.Name, SortDirection.Ascending);
}

/// <summary>The fields <see cref="ICustomerReadModel.CountByAsync"/> groups by.</summary>
public enum CountField
{
    Stage,
    Tier,
}

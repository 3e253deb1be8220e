using System.Collections.ObjectModel;
using Crm.CustomerReadModel.Listings;
using Crm.CustomerSilo.Lifecycle;

namespace Crm.CustomerSilo.Customers;

/// <summary>The row of the read model a customer's state gives: what lists, filters, search and duplicate checks see.</summary>
public static class CustomerListings
{
    public static CustomerListing From(Contracts.Customers.CustomerView view) => new()
    {
        TenantId = view.TenantId,
        CustomerId = view.CustomerId,
        Name = view.Name,
        Email = view.Details.Email,
        Phone = view.Details.Phone,
        Country = view.Details.Address?.Country,
        Region = view.Details.Address?.Region,
        City = view.Details.Address?.City,
        Stage = StageRules.Name(view.Stage),
        Tier = view.Insights.Tier.ToString(),
        Tags = view.Details.Tags ?? [],
        SourceChannel = view.Details.SourceChannel?.ToString().ToUpperInvariant(),
        Birthday = view.Details.Birthday,
        Gender = view.Details.Gender,
        AgeBand = view.Details.AgeBand,
        IncomeBand = view.Details.IncomeBand,
        TotalSpend = view.Insights.TotalSpend,
        OrderCount = view.Orders.Count,
        InteractionCount = view.Counters.Total,
        LastInteractionAt = view.Counters.LastInteractionAt,
        OpenComplaints = view.Insights.OpenComplaints,
        LatestCsat = view.Insights.LatestCsat,
        CustomFields = view.Details.CustomFields is { Count: > 0 } fields ? fields : ReadOnlyDictionary<string, string>.Empty,
        CreatedAt = view.CreatedAt,
        UpdatedAt = view.UpdatedAt,
        Version = view.Version,
    };
}

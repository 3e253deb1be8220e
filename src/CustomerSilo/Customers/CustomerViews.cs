using Crm.Contracts.Customers;
using Crm.Contracts.Tenants;
using Crm.CustomerSilo.Insights;

namespace Crm.CustomerSilo.Customers;

/// <summary>Turns a customer's durable state into what the tenant reads, with counters and insights as of now.</summary>
public static class CustomerViews
{
    public static CustomerView From(string tenantId, string customerId, CustomerState state, TenantSettings settings, DateTimeOffset now) => new(
        tenantId,
        customerId,
        state.Details,
        state.Stage,
        [.. state.StageHistory],
        state.WinBacks,
        state.Tally.ToCounters(now),
        [.. state.Orders],
        [.. state.Complaints],
        [.. state.Surveys],
        [.. state.FollowUps],
        [.. state.Tally.Recent],
        [.. state.Merges],
        InsightRules.For(state, settings, now),
        state.CreatedAt,
        state.UpdatedAt,
        state.Version,
        [.. state.Opportunities]);
}

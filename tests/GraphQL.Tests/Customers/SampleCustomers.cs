using Crm.Contracts.Customers;

namespace GraphQL.Tests.Customers;

/// <summary>Customer views as a grain answers them, for the fakes of these tests.</summary>
internal static class SampleCustomers
{
    /// <summary>A new customer with only a name: no records, no counters, tier C.</summary>
    public static CustomerView New(string tenantId, string customerId, string name)
    {
        var counters = new InteractionCounters(0, new Dictionary<Channel, long>(), new Dictionary<InteractionKind, long>(), 0, 0, 0, null);
        var insights = new CustomerInsights(new RfmScores(null, 0, 0, 1, 1, 1), ValueTier.C, 0, 0, null, null, []);
        return new CustomerView(tenantId, customerId, new CustomerDetails(name), LifecycleStage.Awareness, [], 0, counters, [], [], [], [], [], [], insights,
            DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, 1, []);
    }
}

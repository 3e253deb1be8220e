using Crm.Contracts.Customers;
using Crm.CustomerSilo.Lifecycle;

namespace Crm.CustomerSilo.Customers;

/// <summary>A customer's first state, whether the customer grain creates it or an import writes it in bulk.</summary>
public static class NewCustomers
{
    /// <param name="standardized">The details as the standardizer made them.</param>
    public static CustomerState Initial(CustomerDetails standardized, DateTimeOffset now)
    {
        var state = new CustomerState { Details = standardized, CreatedAt = now, Stage = LifecycleStage.Awareness };
        state.StageHistory.Add(new StageChange(null, LifecycleStage.Awareness, now, "Customer created.", StageRules.Created));
        return state;
    }
}

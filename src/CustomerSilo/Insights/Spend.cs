using Crm.Contracts.Tenants;
using Crm.CustomerSilo.Customers;

namespace Crm.CustomerSilo.Insights;

/// <summary>What a customer has spent, counting orders in the tenant's currency (others are kept but not converted).</summary>
public static class Spend
{
    public static decimal Of(CustomerState customer, TenantSettings settings) =>
        customer.Orders.Where(o => o.Currency == settings.Currency && o.PaymentStatus != Contracts.Customers.PaymentStatus.Refunded).Sum(o => o.Amount);
}

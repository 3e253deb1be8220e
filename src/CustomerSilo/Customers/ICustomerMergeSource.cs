namespace Crm.CustomerSilo.Customers;

/// <summary>
/// The side of a customer grain that another customer grain of the same tenant reads when it absorbs it in a
/// merge. Silo-internal: clients only see <see cref="Crm.Contracts.Customers.ICustomerGrain"/>.
/// </summary>
[Alias("crm.customer-merge-source")]
public interface ICustomerMergeSource : IGrainWithStringKey
{
    /// <summary>The customer's whole durable state, or null when it does not exist.</summary>
    [Alias("export")]
    Task<CustomerState?> ExportAsync();
}

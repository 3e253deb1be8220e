using Orleans.Concurrency;

namespace Crm.Contracts.Customers;

/// <summary>
/// One customer of one tenant. Keyed by <see cref="TenantKey.For"/>(tenantId, customerId), so the
/// tenant id leads the key and every row stored under it.
/// </summary>
[Alias("crm.customer")]
public interface ICustomerGrain : IGrainWithStringKey
{
    /// <summary>
    /// Creates the customer; fails with <see cref="CustomerAlreadyExistsException"/> if it exists. It answers only
    /// once the customer is durable.
    /// </summary>
    [Alias("create")]
    Task<CustomerProfile> CreateAsync(NewCustomer customer);

    /// <summary>The profile, or null when no customer was created under this key.</summary>
    [Alias("get"), ReadOnly]
    Task<CustomerProfile?> GetAsync();
}

[GenerateSerializer, Immutable, Alias("crm.NewCustomer")]
public sealed record NewCustomer([property: Id(0)] string Name, [property: Id(1)] string Email);

[GenerateSerializer, Immutable, Alias("crm.CustomerProfile")]
public sealed record CustomerProfile(
    [property: Id(0)] string TenantId,
    [property: Id(1)] string CustomerId,
    [property: Id(2)] string Name,
    [property: Id(3)] string Email,
    [property: Id(4)] DateTimeOffset CreatedAt);

[GenerateSerializer, Alias("crm.CustomerAlreadyExistsException")]
public sealed class CustomerAlreadyExistsException(string message) : Exception(message);

/// <summary>The customer data broke a rule (missing name, malformed email, ...); the message says which.</summary>
[GenerateSerializer, Alias("crm.InvalidCustomerException")]
public sealed class InvalidCustomerException(string message) : Exception(message);

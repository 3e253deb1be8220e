using Actors;

namespace Crm.Contracts.Customers;

/// <summary>
/// One customer of one tenant. Keyed by <see cref="TenantKey.For"/>(tenantId, customerId), so the
/// tenant id leads the key and every row stored under it.
/// </summary>
public interface ICustomerActor : IActor
{
    /// <summary>Creates the customer; fails with <see cref="CustomerAlreadyExistsException"/> if it exists.</summary>
    Task<CustomerProfile> CreateAsync(NewCustomer customer);

    /// <summary>The profile, or null when no customer was created under this key.</summary>
    [ReadOnly]
    Task<CustomerProfile?> GetAsync();
}

public sealed record NewCustomer(string Name, string Email);

public sealed record CustomerProfile(string TenantId, string CustomerId, string Name, string Email, DateTimeOffset CreatedAt);

public sealed class CustomerAlreadyExistsException(string message) : Exception(message);

/// <summary>The customer data broke a rule (missing name, malformed email, ...); the message says which.</summary>
public sealed class InvalidCustomerException(string message) : Exception(message);

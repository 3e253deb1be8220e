using Actors;
using Actors.Invocation;
using Crm.Contracts;
using Crm.Contracts.Customers;

namespace Crm.CustomerSilo.Customers;

/// <summary>One customer of one tenant; its key is "{tenantId}/{customerId}".</summary>
public sealed class CustomerActor(
    [PersistentState("profile")] IPersistentState<CustomerState> profile,
    TimeProvider time,
    ILogger<CustomerActor> logger) : Actor, ICustomerActor
{
    public async Task<CustomerProfile> CreateAsync(NewCustomer customer)
    {
        if (profile.RecordExists)
            throw new CustomerAlreadyExistsException($"Customer '{Key}' already exists.");
        var valid = CustomerRules.Normalize(customer);
        profile.State = new CustomerState { Name = valid.Name, Email = valid.Email, CreatedAt = time.GetUtcNow() };
        await profile.WriteStateAsync();
        var created = ToProfile();
        await PublishAsync(new CustomerChange(CustomerChange.Created, created));
        return created;
    }

    public Task<CustomerProfile?> GetAsync() => Task.FromResult(profile.RecordExists ? ToProfile() : null);

    // The change is already durable; a feed that cannot be told only costs live subscribers a notification.
    private async Task PublishAsync(CustomerChange change)
    {
        try
        {
            await Actors.Get<ICustomerFeedActor>(change.Customer.TenantId).PublishAsync(change);
        }
        catch (Exception e) when (e is ActorUnavailableException or TimeoutException)
        {
            logger.LogWarning(e, "The customer feed of tenant {TenantId} missed a {Kind} change of {CustomerId}.",
                change.Customer.TenantId, change.Kind, change.Customer.CustomerId);
        }
    }

    private CustomerProfile ToProfile()
    {
        var (tenantId, customerId) = TenantKey.Parse(Key);
        var state = profile.State;
        return new CustomerProfile(tenantId, customerId, state.Name, state.Email, state.CreatedAt);
    }
}

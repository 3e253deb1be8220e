using Actors;
using Crm.Contracts;
using Crm.Contracts.Customers;

namespace Crm.CustomerSilo.Customers;

/// <summary>One customer of one tenant; its key is "{tenantId}/{customerId}".</summary>
public sealed class CustomerActor(
    [PersistentState("profile")] IPersistentState<CustomerState> profile,
    TimeProvider time) : Actor, ICustomerActor
{
    public async Task<CustomerProfile> CreateAsync(NewCustomer customer)
    {
        if (profile.RecordExists)
            throw new CustomerAlreadyExistsException($"Customer '{Key}' already exists.");
        var valid = CustomerRules.Normalize(customer);
        profile.State = new CustomerState { Name = valid.Name, Email = valid.Email, CreatedAt = time.GetUtcNow() };
        await profile.WriteStateAsync();
        return ToProfile();
    }

    public Task<CustomerProfile?> GetAsync() => Task.FromResult(profile.RecordExists ? ToProfile() : null);

    private CustomerProfile ToProfile()
    {
        var (tenantId, customerId) = TenantKey.Parse(Key);
        var state = profile.State;
        return new CustomerProfile(tenantId, customerId, state.Name, state.Email, state.CreatedAt);
    }
}

using Crm.Contracts;
using Crm.Contracts.Customers;

namespace Crm.CustomerSilo.Customers;

/// <summary>One customer of one tenant; its key is "{tenantId}/{customerId}".</summary>
public sealed class CustomerGrain(
    [PersistentState("profile")] IPersistentState<CustomerState> profile,
    TimeProvider time) : Grain, ICustomerGrain
{
    public async Task<CustomerProfile> CreateAsync(NewCustomer customer)
    {
        if (profile.RecordExists)
            throw new CustomerAlreadyExistsException($"Customer '{this.GetPrimaryKeyString()}' already exists.");
        var valid = CustomerRules.Normalize(customer);
        profile.State = new CustomerState { Name = valid.Name, Email = valid.Email, CreatedAt = time.GetUtcNow() };
        await profile.WriteStateAsync();
        var created = ToProfile();
        // One way, after the write: the change is durable whether or not live subscribers hear of it.
        await GrainFactory.GetGrain<ICustomerFeedGrain>(created.TenantId).PublishAsync(new CustomerChange(CustomerChange.Created, created));
        return created;
    }

    public Task<CustomerProfile?> GetAsync() => Task.FromResult(profile.RecordExists ? ToProfile() : null);

    private CustomerProfile ToProfile()
    {
        var (tenantId, customerId) = TenantKey.Parse(this.GetPrimaryKeyString());
        var state = profile.State;
        return new CustomerProfile(tenantId, customerId, state.Name, state.Email, state.CreatedAt);
    }
}

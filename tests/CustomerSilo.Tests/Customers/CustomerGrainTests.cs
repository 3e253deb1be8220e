using Crm.Contracts;
using Crm.Contracts.Customers;
using Crm.Contracts.Tenants;

namespace CustomerSilo.Tests.Customers;

public sealed class CustomerGrainTests(CrmCluster crm) : IClassFixture<CrmCluster>
{
    private static string NewKey() => TenantKey.For(TenantIds.New(), Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task A_created_customer_reads_back_with_its_tenant_and_id()
    {
        var key = NewKey();
        var customer = crm.Cluster.Client.GetGrain<ICustomerGrain>(key);

        var created = await customer.CreateAsync(new NewCustomer(" Ada ", "ada@example.com"));
        var read = await customer.GetAsync();

        var (tenantId, customerId) = TenantKey.Parse(key);
        Assert.Equal(new CustomerProfile(tenantId, customerId, "Ada", "ada@example.com", created.CreatedAt), read);
    }

    [Fact]
    public async Task An_unknown_customer_reads_as_null()
    {
        Assert.Null(await crm.Cluster.Client.GetGrain<ICustomerGrain>(NewKey()).GetAsync());
    }

    [Fact]
    public async Task Creating_twice_fails_and_keeps_the_first_profile()
    {
        var customer = crm.Cluster.Client.GetGrain<ICustomerGrain>(NewKey());
        await customer.CreateAsync(new NewCustomer("First", "first@example.com"));

        await Assert.ThrowsAsync<CustomerAlreadyExistsException>(() => customer.CreateAsync(new NewCustomer("Second", "second@example.com")));

        Assert.Equal("First", (await customer.GetAsync())!.Name);
    }

    [Fact]
    public async Task Invalid_data_is_refused_with_its_reason_and_nothing_is_stored()
    {
        var customer = crm.Cluster.Client.GetGrain<ICustomerGrain>(NewKey());

        var error = await Assert.ThrowsAsync<InvalidCustomerException>(() => customer.CreateAsync(new NewCustomer("Bob", "bob-at-example")));

        Assert.Contains("bob-at-example", error.Message);
        Assert.Null(await customer.GetAsync());
    }

    [Fact]
    public async Task A_profile_outlives_its_activation()
    {
        var key = NewKey();
        await crm.Cluster.Client.GetGrain<ICustomerGrain>(key).CreateAsync(new NewCustomer("Kept", "kept@example.com"));
        await crm.DeactivateAsync<ICustomerGrain>(key);

        Assert.Equal("Kept", (await crm.Cluster.Client.GetGrain<ICustomerGrain>(key).GetAsync())!.Name);
    }
}

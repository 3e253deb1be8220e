using Crm.Contracts.Tenants;

namespace CustomerSilo.Tests.Tenants;

public sealed class TenantGrainTests(CrmCluster crm) : IClassFixture<CrmCluster>
{
    [Fact]
    public async Task A_registered_tenant_accepts_only_its_own_key()
    {
        var tenantId = TenantIds.New();
        var key = ApiKey.Create(tenantId);
        var tenant = crm.Cluster.Client.GetGrain<ITenantGrain>(tenantId);

        var summary = await tenant.RegisterAsync(new TenantRegistration("Acme", "acme", "admin@acme.com", "hashed-password", key.SecretHash));

        Assert.Equal(tenantId, summary.TenantId);
        Assert.True(await tenant.VerifyApiKeyAsync(key.SecretHash));
        Assert.False(await tenant.VerifyApiKeyAsync(ApiKey.Create(tenantId).SecretHash));
        Assert.Equal("acme", (await tenant.GetAsync())!.Slug);
    }

    [Fact]
    public async Task An_unregistered_tenant_accepts_no_key_at_all()
    {
        var tenant = crm.Cluster.Client.GetGrain<ITenantGrain>(TenantIds.New());

        Assert.False(await tenant.VerifyApiKeyAsync(ApiKey.HashSecret("")));
        Assert.Null(await tenant.GetAsync());
    }

    [Fact]
    public async Task A_tenant_cannot_be_registered_twice()
    {
        var tenantId = TenantIds.New();
        var tenant = crm.Cluster.Client.GetGrain<ITenantGrain>(tenantId);
        var registration = new TenantRegistration("Acme", "acme", "admin@acme.com", "h", ApiKey.Create(tenantId).SecretHash);
        await tenant.RegisterAsync(registration);

        await Assert.ThrowsAnyAsync<Exception>(() => tenant.RegisterAsync(registration with { CompanyName = "Hijack" }));

        Assert.Equal("Acme", (await tenant.GetAsync())!.CompanyName);
    }

    [Fact]
    public async Task Of_many_tenants_claiming_one_slug_at_once_exactly_one_wins_and_keeps_it()
    {
        var slug = "slug-" + Guid.NewGuid().ToString("N")[..8];
        var claimants = Enumerable.Range(0, 20).Select(_ => TenantIds.New()).ToArray();

        var results = await Task.WhenAll(claimants.Select(id => crm.Cluster.Client.GetGrain<ITenantSlugGrain>(slug).ClaimAsync(id)));

        var winner = claimants[Array.IndexOf(results, true)];
        Assert.Single(results, won => won);
        Assert.Equal(winner, await crm.Cluster.Client.GetGrain<ITenantSlugGrain>(slug).GetTenantIdAsync());
        Assert.True(await crm.Cluster.Client.GetGrain<ITenantSlugGrain>(slug).ClaimAsync(winner));
    }
}

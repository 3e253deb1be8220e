using Crm.Contracts.Tenants;

namespace CustomerSilo.Tests.Tenants;

public sealed class TenantGrainTests(CrmCluster crm) : IClassFixture<CrmCluster>
{
    [Fact]
    public async Task A_registered_tenant_answers_its_summary_and_an_unregistered_one_none()
    {
        var tenantId = TenantIds.New();
        var tenant = crm.Cluster.Client.GetGrain<ITenantGrain>(tenantId);

        var summary = await tenant.RegisterAsync(new TenantRegistration("Acme", "acme", "admin@acme.com"));

        Assert.Equal(tenantId, summary.TenantId);
        Assert.Equal("acme", (await tenant.GetAsync())!.Slug);
        Assert.Null(await crm.Cluster.Client.GetGrain<ITenantGrain>(TenantIds.New()).GetAsync());
    }

    [Fact]
    public async Task A_tenant_cannot_be_registered_twice()
    {
        var tenantId = TenantIds.New();
        var tenant = crm.Cluster.Client.GetGrain<ITenantGrain>(tenantId);
        var registration = new TenantRegistration("Acme", "acme", "admin@acme.com");
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

using Crm.Contracts.PersistedDocuments;
using Crm.Contracts.Tenants;
using Crm.CustomerSilo.PersistedDocuments;

namespace CustomerSilo.Tests.PersistedDocuments;

public sealed class PersistedDocumentsGrainTests(CrmCluster crm) : IClassFixture<CrmCluster>
{
    private IPersistedDocumentsGrain NewTenant() => For(TenantIds.New());

    private IPersistedDocumentsGrain For(string tenantId) => crm.Cluster.Client.GetGrain<IPersistedDocumentsGrain>(tenantId);

    [Fact]
    public async Task Documents_and_the_allow_list_switch_survive_deactivation()
    {
        var tenantId = TenantIds.New();
        var documents = For(tenantId);
        await documents.AddAsync(new() { ["id-1"] = "{ a }", ["id-2"] = "{ b }" });
        await documents.SetAllowListOnlyAsync(true);

        await crm.DeactivateAsync<IPersistedDocumentsGrain>(tenantId);

        Assert.Equal("{ a }", await documents.FindAsync("id-1"));
        Assert.Equal(new PersistedDocumentsSettings(true, 2, 10), await documents.GetSettingsAsync());
    }

    [Fact]
    public async Task Each_tenant_sees_only_its_own_documents()
    {
        var first = NewTenant();
        var second = NewTenant();
        await first.AddAsync(new() { ["id"] = "{ a }" });

        Assert.Null(await second.FindAsync("id"));
        Assert.Equal(new PersistedDocumentsSettings(false, 0, 0), await second.GetSettingsAsync());
    }

    [Fact]
    public async Task Adding_an_id_again_keeps_the_first_text_and_removing_forgets_it()
    {
        var documents = NewTenant();
        await documents.AddAsync(new() { ["id"] = "{ a }" });
        var settings = await documents.AddAsync(new() { ["id"] = "{ changed }" });

        Assert.Equal(1, settings.DocumentCount);
        Assert.Equal("{ a }", await documents.FindAsync("id"));
        Assert.True(await documents.RemoveAsync("id"));
        Assert.False(await documents.RemoveAsync("id"));
        Assert.Null(await documents.FindAsync("id"));
    }

    [Fact]
    public async Task Past_the_limit_nothing_of_the_batch_is_added()
    {
        var documents = NewTenant();
        await documents.AddAsync(Enumerable.Range(0, PersistedDocumentsGrain.MaxDocuments - 1).ToDictionary(i => $"id-{i}", i => "{ a }"));

        var error = await Assert.ThrowsAsync<PersistedDocumentsFullException>(
            () => documents.AddAsync(new() { ["new-1"] = "{ b }", ["new-2"] = "{ c }" }));

        Assert.Contains($"at most {PersistedDocumentsGrain.MaxDocuments}", error.Message);
        Assert.Null(await documents.FindAsync("new-1"));
        Assert.Equal(PersistedDocumentsGrain.MaxDocuments - 1, (await documents.GetSettingsAsync()).DocumentCount);
    }
}

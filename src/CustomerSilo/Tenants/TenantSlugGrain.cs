using Crm.Contracts.Tenants;

namespace Crm.CustomerSilo.Tenants;

/// <summary>The directory entry for one slug. Single activation + one turn at a time make the claim atomic.</summary>
public sealed class TenantSlugGrain([PersistentState("slug")] IPersistentState<TenantSlugState> slug) : Grain, ITenantSlugGrain
{
    public async Task<bool> ClaimAsync(string tenantId)
    {
        if (slug.RecordExists)
            return slug.State.TenantId == tenantId;
        slug.State = new TenantSlugState { TenantId = tenantId };
        await slug.WriteStateAsync();
        return true;
    }

    public Task<string?> GetTenantIdAsync() => Task.FromResult(slug.RecordExists ? slug.State.TenantId : null);

    public async Task<bool> ReleaseAsync(string tenantId)
    {
        // Another tenant's slug is never freed, whoever asks.
        var held = slug.RecordExists && slug.State.TenantId == tenantId;
        if (held)
            await slug.ClearStateAsync();
        DeactivateOnIdle();
        return held;
    }
}

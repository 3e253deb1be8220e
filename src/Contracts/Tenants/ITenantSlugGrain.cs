using Orleans.Concurrency;

namespace Crm.Contracts.Tenants;

/// <summary>
/// The tenant directory entry for one slug (keyed by the slug): it makes slugs unique across the
/// cluster, because a slug has exactly one activation and claims run one turn at a time.
/// </summary>
[Alias("crm.tenant-slug")]
public interface ITenantSlugGrain : IGrainWithStringKey
{
    /// <summary>Claims the slug for <paramref name="tenantId"/>; true if it is now (or already was) that tenant's.</summary>
    [Alias("claim")]
    Task<bool> ClaimAsync(string tenantId);

    [Alias("get-tenant-id"), ReadOnly]
    Task<string?> GetTenantIdAsync();

    /// <summary>Frees the slug if <paramref name="tenantId"/> holds it (its erasure), then deactivates; true if it was held.</summary>
    [Alias("release")]
    Task<bool> ReleaseAsync(string tenantId);
}

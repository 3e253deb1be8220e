using Actors;

namespace Crm.Contracts.Tenants;

/// <summary>
/// The tenant directory entry for one slug (keyed by the slug): it makes slugs unique across the
/// cluster, because a slug has exactly one activation and claims run one turn at a time.
/// </summary>
public interface ITenantSlugActor : IActor
{
    /// <summary>Claims the slug for <paramref name="tenantId"/>; true if it is now (or already was) that tenant's.</summary>
    Task<bool> ClaimAsync(string tenantId);

    [ReadOnly]
    Task<string?> GetTenantIdAsync();
}

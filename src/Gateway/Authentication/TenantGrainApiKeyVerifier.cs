using Crm.Contracts.Tenants;
using Crm.Gateway.Cells;
using Microsoft.Extensions.Caching.Memory;

namespace Crm.Gateway.Authentication;

/// <summary>
/// Asks the tenant's grain, in the cell that holds the tenant, and remembers the answer briefly so that a busy API client costs the cluster one
/// check a minute, not one per request. The cache key is the hash of the whole key, which names its tenant,
/// so entries of different tenants can never answer for each other. A refusal is remembered for less time
/// than an acceptance so a key created a moment ago starts working quickly.
/// </summary>
public sealed class TenantGrainApiKeyVerifier(ICellClients cells, IMemoryCache cache) : IApiKeyVerifier
{
    private static readonly TimeSpan AcceptedFor = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan RefusedFor = TimeSpan.FromSeconds(2);

    public async ValueTask<bool> IsValidAsync(ApiKey key, CancellationToken cancellationToken)
    {
        if (!TenantIds.IsValid(key.TenantId))
            return false;
        var cacheKey = ApiKey.HashSecret(key.ToString());
        if (cache.TryGetValue(cacheKey, out bool known))
            return known;

        var valid = await cells.ForTenant(key.TenantId).GetGrain<ITenantGrain>(key.TenantId).VerifyApiKeyAsync(key.SecretHash).WaitAsync(cancellationToken);
        cache.Set(cacheKey, valid, new MemoryCacheEntryOptions { AbsoluteExpirationRelativeToNow = valid ? AcceptedFor : RefusedFor, Size = 1 });
        return valid;
    }
}

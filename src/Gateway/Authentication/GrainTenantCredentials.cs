using Crm.Contracts.Tenants;
using Crm.Contracts.Tenants.Access;
using Crm.Gateway.Cells;
using Microsoft.Extensions.Caching.Memory;

namespace Crm.Gateway.Authentication;

/// <summary>
/// Asks the tenant's access grain, in the cell that holds the tenant, and remembers the answer briefly, so a busy client costs the cluster one check
/// every <see cref="AcceptedFor"/>, not one per request. Revocations reach <see cref="Forget"/> through
/// <see cref="CredentialRevocationListener"/> at once; the short lifetime only bounds a notice that got lost.
/// Every cache key starts with the tenant id, so entries of different tenants never answer for each other.
/// </summary>
public sealed class GrainTenantCredentials(ICellClients cells, IMemoryCache cache, TimeProvider time) : ITenantCredentials
{
    public static readonly TimeSpan AcceptedFor = TimeSpan.FromSeconds(30);

    /// <summary>A refusal is remembered for less time, so a key created a moment ago starts working quickly.</summary>
    public static readonly TimeSpan RefusedFor = TimeSpan.FromSeconds(2);

    // Bumped by every revocation: an answer fetched while one arrived is used but not remembered, since it may
    // predate the revocation.
    private long _revocations;

    public ValueTask<KeyAccess?> VerifyKeyAsync(ApiKey key, CancellationToken cancellationToken) =>
        TenantIds.IsValid(key.TenantId)
            ? CachedAsync(CacheKey(RevokedCredential.Key(key.TenantId, key.SecretHash)),
                () => cells.ForTenant(key.TenantId).GetGrain<ITenantAccessGrain>(key.TenantId).VerifyApiKeyAsync(key.SecretHash),
                access => access.ExpiresAt, cancellationToken)
            : ValueTask.FromResult<KeyAccess?>(null);

    public ValueTask<UserAccess?> VerifyUserAsync(string tenantId, string userId, CancellationToken cancellationToken) =>
        TenantIds.IsValid(tenantId)
            ? CachedAsync(CacheKey(RevokedCredential.User(tenantId, userId)),
                () => cells.ForTenant(tenantId).GetGrain<ITenantAccessGrain>(tenantId).GetUserAccessAsync(userId),
                _ => null, cancellationToken)
            : ValueTask.FromResult<UserAccess?>(null);

    /// <summary>Drops whatever is remembered about a credential that was just revoked.</summary>
    public void Forget(RevokedCredential credential)
    {
        Interlocked.Increment(ref _revocations);
        cache.Remove(CacheKey(credential));
    }

    private async ValueTask<T?> CachedAsync<T>(string cacheKey, Func<Task<T?>> fetch, Func<T, DateTimeOffset?> expiresAt, CancellationToken cancellationToken)
        where T : class
    {
        if (cache.TryGetValue(cacheKey, out Answer<T>? known))
            return known!.Value;
        var before = Interlocked.Read(ref _revocations);
        var value = await fetch().WaitAsync(cancellationToken);
        if (Interlocked.Read(ref _revocations) == before)
        {
            var lifetime = value is null ? RefusedFor : AcceptedFor;
            // A key that expires sooner is remembered only until it expires.
            if (value is not null && expiresAt(value) is { } expiry && expiry - time.GetUtcNow() < lifetime)
                lifetime = expiry - time.GetUtcNow();
            if (lifetime > TimeSpan.Zero)
                cache.Set(cacheKey, new Answer<T>(value), new MemoryCacheEntryOptions { AbsoluteExpirationRelativeToNow = lifetime, Size = 1 });
        }
        return value;
    }

    private static string CacheKey(RevokedCredential credential) => $"{credential.TenantId}/{credential.Credential}";

    private sealed record Answer<T>(T? Value);
}

using Crm.Contracts.PersistedDocuments;
using Crm.ServiceDefaults.Tenancy;
using GraphQL.Engine.Http.Persisted;
using Microsoft.Extensions.Caching.Memory;

namespace Crm.GraphQL.PersistedDocuments;

/// <summary>
/// The engine's persisted-document store for the tenant API: every tenant has its own documents and its own
/// allow-list switch, kept by that tenant's <see cref="IPersistedDocumentsGrain"/>. Cache entries are keyed by tenant.
/// </summary>
public sealed class TenantPersistedDocumentStore(IGrainFactory grains, IMemoryCache cache) : IPersistedDocumentStore
{
    // A document's id is the hash of its text, so a cached text is never wrong, only possibly removed since:
    // a removal reaches the other GraphQL service instances within this time (this one at once).
    private static readonly TimeSpan DocumentLifetime = TimeSpan.FromSeconds(30);

    // How long switching allow-list mode may take to reach the other GraphQL service instances (this one at once).
    private static readonly TimeSpan SettingsLifetime = TimeSpan.FromSeconds(5);

    public async ValueTask<string?> FindAsync(string documentId, IServiceProvider services, CancellationToken cancellationToken)
    {
        var tenantId = TenantOf(services);
        if (cache.TryGetValue(DocumentKey(tenantId, documentId), out string? text))
            return text;
        text = await grains.GetGrain<IPersistedDocumentsGrain>(tenantId).FindAsync(documentId);
        // Unknown ids are not remembered, so a document is usable the moment it is added.
        if (text is not null)
            cache.Set(DocumentKey(tenantId, documentId), text, Entry(DocumentLifetime));
        return text;
    }

    public async ValueTask<bool> RequiresAllowListAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var tenantId = TenantOf(services);
        if (!cache.TryGetValue(SettingsKey(tenantId), out bool allowListOnly))
            allowListOnly = Remember(tenantId, await grains.GetGrain<IPersistedDocumentsGrain>(tenantId).GetSettingsAsync());
        return allowListOnly;
    }

    /// <summary>What the management API just changed, so this instance applies it at once.</summary>
    public bool Remember(string tenantId, PersistedDocumentsSettings settings) =>
        cache.Set(SettingsKey(tenantId), settings.AllowListOnly, Entry(SettingsLifetime));

    public void Forget(string tenantId, string documentId) => cache.Remove(DocumentKey(tenantId, documentId));

    // Every entry counts 1 against the cache's size limit, so many tenants cannot grow it without bound.
    private static MemoryCacheEntryOptions Entry(TimeSpan lifetime) => new() { AbsoluteExpirationRelativeToNow = lifetime, Size = 1 };

    private static string TenantOf(IServiceProvider services) => services.GetRequiredService<TenantContext>().RequireTenantId();

    private static (string, string, string) DocumentKey(string tenantId, string documentId) => ("persisted-document", tenantId, documentId);

    private static (string, string) SettingsKey(string tenantId) => ("persisted-documents-allow-list", tenantId);
}

using Crm.Contracts.Tenants.Erasure;
using Orleans.Concurrency;

namespace Crm.Contracts.PersistedDocuments;

/// <summary>
/// One tenant's persisted (trusted) GraphQL documents and whether the tenant runs only those (allow-list mode).
/// Keyed by tenant id. Documents are stored under ids their caller computed; the grain knows nothing of GraphQL.
/// </summary>
[Alias("crm.persisted-documents")]
public interface IPersistedDocumentsGrain : IErasableGrain
{
    /// <summary>
    /// Adds documents (id → text); ids already present keep their text. Fails with
    /// <see cref="PersistedDocumentsFullException"/>, adding none, when the tenant's limits would be passed.
    /// </summary>
    [Alias("add")]
    Task<PersistedDocumentsSettings> AddAsync(Dictionary<string, string> documentsById);

    /// <summary>Removes one document; false when the tenant had none with this id.</summary>
    [Alias("remove")]
    Task<bool> RemoveAsync(string documentId);

    /// <summary>The document's text, or null when the tenant has none with this id.</summary>
    [Alias("find"), ReadOnly]
    Task<string?> FindAsync(string documentId);

    [Alias("get-settings"), ReadOnly]
    Task<PersistedDocumentsSettings> GetSettingsAsync();

    /// <summary>Turns allow-list mode on (only persisted documents may run) or off.</summary>
    [Alias("set-allow-list-only")]
    Task<PersistedDocumentsSettings> SetAllowListOnlyAsync(bool allowListOnly);
}

[GenerateSerializer, Immutable, Alias("crm.PersistedDocumentsSettings")]
public sealed record PersistedDocumentsSettings(
    [property: Id(0)] bool AllowListOnly,
    [property: Id(1)] int DocumentCount,
    [property: Id(2)] int TotalCharacters);

/// <summary>Adding the documents would pass the tenant's count or size limit; the message says which.</summary>
[GenerateSerializer, Alias("crm.PersistedDocumentsFullException")]
public sealed class PersistedDocumentsFullException(string message) : Exception(message);

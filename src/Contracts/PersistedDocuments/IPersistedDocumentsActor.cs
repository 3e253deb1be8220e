using Actors;

namespace Crm.Contracts.PersistedDocuments;

/// <summary>
/// One tenant's persisted (trusted) GraphQL documents and whether the tenant runs only those (allow-list mode).
/// Keyed by tenant id. Documents are stored under ids their caller computed; the actor knows nothing of GraphQL.
/// </summary>
public interface IPersistedDocumentsActor : IActor
{
    /// <summary>
    /// Adds documents (id → text); ids already present keep their text. Fails with
    /// <see cref="PersistedDocumentsFullException"/>, adding none, when the tenant's limits would be passed.
    /// </summary>
    Task<PersistedDocumentsSettings> AddAsync(Dictionary<string, string> documentsById);

    /// <summary>Removes one document; false when the tenant had none with this id.</summary>
    Task<bool> RemoveAsync(string documentId);

    /// <summary>The document's text, or null when the tenant has none with this id.</summary>
    [ReadOnly]
    Task<string?> FindAsync(string documentId);

    [ReadOnly]
    Task<PersistedDocumentsSettings> GetSettingsAsync();

    /// <summary>Turns allow-list mode on (only persisted documents may run) or off.</summary>
    Task<PersistedDocumentsSettings> SetAllowListOnlyAsync(bool allowListOnly);
}

public sealed record PersistedDocumentsSettings(bool AllowListOnly, int DocumentCount, int TotalCharacters);

/// <summary>Adding the documents would pass the tenant's count or size limit; the message says which.</summary>
public sealed class PersistedDocumentsFullException(string message) : Exception(message);

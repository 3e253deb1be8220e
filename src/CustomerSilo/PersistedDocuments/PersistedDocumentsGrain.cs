using Crm.Contracts.PersistedDocuments;
using Crm.CustomerSilo.Tenants.Archive;
using Crm.CustomerSilo.Tenants.Erasure;

namespace Crm.CustomerSilo.PersistedDocuments;

/// <summary>A tenant's persisted documents, kept in one state record read at activation.</summary>
public sealed class PersistedDocumentsGrain(
    [PersistentState("documents")] IPersistentState<PersistedDocumentsState> documents) : Grain, IPersistedDocumentsGrain, IArchivedPersistedDocuments
{
    // The whole set lives in one record that is rewritten on every change, so it must stay small: a client build's
    // manifest holds tens to hundreds of operations, far below these.
    public const int MaxDocuments = 1_000;
    public const int MaxTotalCharacters = 2_000_000;

    public async Task<PersistedDocumentsSettings> AddAsync(Dictionary<string, string> documentsById)
    {
        var state = documents.State;
        var added = documentsById.Where(d => !state.Documents.ContainsKey(d.Key)).ToList();
        var count = state.Documents.Count + added.Count;
        var characters = TotalCharacters() + added.Sum(d => d.Value.Length);
        if (count > MaxDocuments)
            throw new PersistedDocumentsFullException(
                $"A tenant may keep at most {MaxDocuments} persisted documents; these would make {count}. Remove unused ones first.");
        if (characters > MaxTotalCharacters)
            throw new PersistedDocumentsFullException(
                $"A tenant's persisted documents may hold at most {MaxTotalCharacters} characters; these would make {characters}. Remove unused ones first.");
        if (added.Count > 0)
        {
            foreach (var (id, text) in added)
                state.Documents[id] = text;
            await documents.WriteStateAsync();
        }
        return Settings();
    }

    public async Task<bool> RemoveAsync(string documentId)
    {
        if (!documents.State.Documents.Remove(documentId))
            return false;
        await documents.WriteStateAsync();
        return true;
    }

    public Task<string?> FindAsync(string documentId) => Task.FromResult(documents.State.Documents.GetValueOrDefault(documentId));

    public Task<PersistedDocumentsSettings> GetSettingsAsync() => Task.FromResult(Settings());

    public async Task<PersistedDocumentsSettings> SetAllowListOnlyAsync(bool allowListOnly)
    {
        if (documents.State.AllowListOnly != allowListOnly)
        {
            documents.State.AllowListOnly = allowListOnly;
            await documents.WriteStateAsync();
        }
        return Settings();
    }

    public Task<int> EraseAsync() => this.EraseAsync(documents, documents.State.Documents.Count);

    private int TotalCharacters() => documents.State.Documents.Values.Sum(text => text.Length);

    private PersistedDocumentsSettings Settings() =>
        new(documents.State.AllowListOnly, documents.State.Documents.Count, TotalCharacters());

    public Task<PersistedDocumentsState?> ExportStateAsync() => documents.ExportAsync();

    public Task RestoreStateAsync(PersistedDocumentsState state) => documents.RestoreAsync(state);

    public Task EraseStateAsync() => documents.EraseAsync(this);
}

[GenerateSerializer, Alias("crm.PersistedDocumentsState")]
public sealed class PersistedDocumentsState
{
    [Id(0)] public bool AllowListOnly { get; set; }

    [Id(1)] public Dictionary<string, string> Documents { get; set; } = new(StringComparer.Ordinal);
}

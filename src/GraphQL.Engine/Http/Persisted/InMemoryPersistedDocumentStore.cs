using System.Collections.Concurrent;
using GraphQL.Engine.Execution;

namespace GraphQL.Engine.Http.Persisted;

/// <summary>A process-wide set of persisted documents, typically filled at start-up from a client's build manifest.</summary>
public sealed class InMemoryPersistedDocumentStore(bool allowListOnly = false) : IPersistedDocumentStore
{
    private readonly ConcurrentDictionary<string, string> _documents = new(StringComparer.Ordinal);

    /// <summary>Adds a document and returns its id (<c>sha256:&lt;hex&gt;</c> of its UTF-8 text).</summary>
    public string Add(string document)
    {
        var id = DocumentHash.Of(document);
        _documents[id] = document;
        return id;
    }

    public ValueTask<string?> FindAsync(string documentId, IServiceProvider services, CancellationToken cancellationToken) =>
        ValueTask.FromResult(_documents.GetValueOrDefault(documentId));

    public ValueTask<bool> RequiresAllowListAsync(IServiceProvider services, CancellationToken cancellationToken) =>
        ValueTask.FromResult(allowListOnly);
}

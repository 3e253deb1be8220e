using System.Collections.Concurrent;

namespace GraphQL.Engine.Execution;

/// <summary>
/// Parsed-and-validated documents by text. Bounded: when full it starts over, which keeps memory flat under
/// a flood of distinct documents while steady traffic (a handful of client queries) stays cached.
/// </summary>
internal sealed class DocumentCache(int capacity)
{
    private readonly ConcurrentDictionary<string, CachedDocument> _entries = new(StringComparer.Ordinal);

    public bool TryGet(string source, out CachedDocument entry) => _entries.TryGetValue(source, out entry!);

    public void Add(string source, CachedDocument entry)
    {
        if (capacity <= 0)
            return;
        if (_entries.Count >= capacity)
            _entries.Clear();
        _entries.TryAdd(source, entry);
    }
}

/// <summary>A document and the outcome of validating it; invalid documents are cached too, so replays cost nothing.</summary>
internal sealed record CachedDocument(PreparedDocument? Document, IReadOnlyList<GraphQLError>? Errors);

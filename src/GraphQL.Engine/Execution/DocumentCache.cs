using System.Collections.Concurrent;

namespace GraphQL.Engine.Execution;

/// <summary>
/// Parsed-and-validated documents by text. Bounded in entries and in characters: when either bound would be
/// passed it starts over, which keeps memory flat under a flood of distinct (or huge) documents while steady
/// traffic (a handful of client queries) stays cached.
/// </summary>
internal sealed class DocumentCache(int capacity, long maxCharacters = 16_000_000)
{
    private readonly ConcurrentDictionary<string, CachedDocument> _entries = new(StringComparer.Ordinal);
    private long _characters;

    public bool TryGet(string source, out CachedDocument entry) => _entries.TryGetValue(source, out entry!);

    public void Add(string source, CachedDocument entry)
    {
        if (capacity <= 0 || source.Length > maxCharacters / 16)
            return;
        if (_entries.Count >= capacity || Interlocked.Read(ref _characters) + source.Length > maxCharacters)
        {
            _entries.Clear();
            Interlocked.Exchange(ref _characters, 0);
        }

        if (_entries.TryAdd(source, entry))
            Interlocked.Add(ref _characters, source.Length);
    }
}

/// <summary>A document and the outcome of validating it; invalid documents are cached too, so replays cost nothing.</summary>
internal sealed record CachedDocument(PreparedDocument? Document, IReadOnlyList<GraphQLError>? Errors);

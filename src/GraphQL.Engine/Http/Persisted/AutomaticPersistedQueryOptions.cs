namespace GraphQL.Engine.Http.Persisted;

/// <summary>
/// Apollo's automatic persisted queries: a client sends <c>extensions.persistedQuery.sha256Hash</c> alone, and the
/// full query only the first time it is told <c>PersistedQueryNotFound</c>. The server remembers the texts it was sent
/// in a bounded cache; hashes of persisted documents are found without being sent first.
/// </summary>
public sealed record AutomaticPersistedQueryOptions
{
    /// <summary>
    /// Who may reuse whose queries: requests whose partitions differ never see each other's texts (one partition per
    /// customer account, say). Null shares one cache among all callers.
    /// </summary>
    public Func<IServiceProvider, string>? Partition { get; init; }

    /// <summary>How many texts the cache holds before it starts over.</summary>
    public int MaxEntries { get; init; } = 10_000;

    /// <summary>How many characters of text the cache holds before it starts over.</summary>
    public long MaxCharacters { get; init; } = 16_000_000;
}

namespace GraphQL.Engine.Http.Persisted;

/// <summary>
/// Where persisted (trusted) documents live. Both calls receive the request's services, so a store can keep one
/// allow-list per caller (per API key, per customer account...) without the engine knowing what a caller is.
/// </summary>
public interface IPersistedDocumentStore
{
    /// <summary>The document text for <paramref name="documentId"/> (<c>sha256:&lt;hex&gt;</c>), or null when this caller has none such.</summary>
    ValueTask<string?> FindAsync(string documentId, IServiceProvider services, CancellationToken cancellationToken);

    /// <summary>True when this caller may run only persisted documents (allow-list mode): ad-hoc text is refused unless it is one of them.</summary>
    ValueTask<bool> RequiresAllowListAsync(IServiceProvider services, CancellationToken cancellationToken);
}

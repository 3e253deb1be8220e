using System.Text.RegularExpressions;
using GraphQL.Engine.Execution;
using GraphQL.Engine.Utilities;

namespace GraphQL.Engine.Http.Persisted;

/// <summary>
/// Turns a request carrying <c>documentId</c> (or an automatic persisted query's hash) into one carrying the document
/// text, and enforces the allow-list for callers that require it. Returns an error result (HTTP 400) instead when the
/// request cannot run. One per endpoint: it owns the endpoint's automatic persisted query cache.
/// </summary>
internal sealed partial class PersistedDocumentResolver(IPersistedDocumentStore? store, AutomaticPersistedQueryOptions? automatic)
{
    private readonly BoundedCache<(string Partition, string Hash), string>? _automatic =
        automatic is null ? null : new(automatic.MaxEntries, automatic.MaxCharacters);

    [GeneratedRegex("^sha256:[0-9a-f]{64}$")]
    private static partial Regex DocumentIdFormat();

    [GeneratedRegex("^[0-9a-f]{64}$")]
    private static partial Regex HashFormat();

    public async ValueTask<(GraphQLRequest? Request, ExecutionResult? Error)> ResolveAsync(
        GraphQLRequest request, IServiceProvider services, CancellationToken cancellationToken)
    {
        var hash = AutomaticHash(request, out var hashError);
        if (hashError is not null)
            return (null, hashError);
        var registering = hash is not null && !string.IsNullOrEmpty(request.Query);
        if (hash is not null && !registering)
        {
            if (_automatic is null)
                return (null, Error("PersistedQueryNotSupported", "PERSISTED_QUERY_NOT_SUPPORTED"));
            var text = _automatic.TryGet(Key(hash, services), out var remembered)
                ? remembered
                : store is null ? null : await store.FindAsync(DocumentHash.Prefix + hash, services, cancellationToken);
            // Apollo clients answer exactly this message by sending the query with its hash.
            if (text is null)
                return (null, Error("PersistedQueryNotFound", "PERSISTED_QUERY_NOT_FOUND"));
            request = request with { Query = text };
        }

        if (request.DocumentId is { } id)
        {
            if (!string.IsNullOrEmpty(request.Query))
                return (null, Error("Send either \"query\" or \"documentId\", not both.", "BAD_REQUEST"));
            if (!DocumentIdFormat().IsMatch(id))
                return (null, Error($"\"documentId\" must be sha256:<64 lowercase hex digits>, got \"{id}\".", "BAD_REQUEST"));
            if (store is null)
                return (null, Error("This endpoint does not serve persisted documents; send the document text as \"query\".", "PERSISTED_DOCUMENTS_NOT_SUPPORTED"));
            var text = await store.FindAsync(id, services, cancellationToken);
            return text is null
                ? (null, Error($"No persisted document has the id {id}.", "PERSISTED_DOCUMENT_NOT_FOUND"))
                : (request with { Query = text, DocumentId = null }, null);
        }

        if (store is not null && !string.IsNullOrEmpty(request.Query) && await store.RequiresAllowListAsync(services, cancellationToken)
            && await store.FindAsync(DocumentHash.Of(request.Query), services, cancellationToken) is null)
        {
            return (null, Error("Only persisted documents may run here: send a \"documentId\" from the allow-list.", "PERSISTED_DOCUMENT_REQUIRED"));
        }

        // Remembered only once the allow-list let it through, so the cache never holds what the caller may not run.
        if (registering && _automatic is not null)
        {
            if (DocumentHash.Of(request.Query!) != DocumentHash.Prefix + hash)
                return (null, Error("extensions.persistedQuery.sha256Hash is not the SHA-256 of the query's UTF-8 text.", "BAD_REQUEST"));
            _automatic.Add(Key(hash!, services), request.Query!, request.Query!.Length);
        }

        return (request, null);
    }

    private (string, string) Key(string hash, IServiceProvider services) => (automatic!.Partition?.Invoke(services) ?? "", hash);

    /// <summary>The hash of <c>extensions.persistedQuery</c> (version 1), null when the request has none.</summary>
    private static string? AutomaticHash(GraphQLRequest request, out ExecutionResult? error)
    {
        error = null;
        if (request.Extensions?.GetValueOrDefault("persistedQuery") is not { } value)
            return null;
        if (value is not IReadOnlyDictionary<string, object?> persistedQuery
            || persistedQuery.GetValueOrDefault("sha256Hash") is not string hash || !HashFormat().IsMatch(hash))
        {
            error = Error("extensions.persistedQuery must be {\"version\": 1, \"sha256Hash\": \"<64 lowercase hex digits>\"}.", "BAD_REQUEST");
            return null;
        }

        if (persistedQuery.GetValueOrDefault("version") is not 1L)
        {
            error = Error("Only version 1 of automatic persisted queries is supported.", "BAD_REQUEST");
            return null;
        }

        return hash;
    }

    private static ExecutionResult Error(string message, string code) =>
        ExecutionResult.RequestError(new GraphQLError(message).WithCode(code));
}

using System.Text.RegularExpressions;
using GraphQL.Engine.Execution;

namespace GraphQL.Engine.Http.Persisted;

/// <summary>
/// Turns a request carrying <c>documentId</c> into one carrying the document text, and enforces the allow-list
/// for callers that require it. Returns an error result (HTTP 400) instead when the request cannot run.
/// </summary>
internal static partial class PersistedDocumentResolver
{
    [GeneratedRegex("^sha256:[0-9a-f]{64}$")]
    private static partial Regex DocumentIdFormat();

    public static async ValueTask<(GraphQLRequest? Request, ExecutionResult? Error)> ResolveAsync(
        GraphQLRequest request, IPersistedDocumentStore? store, IServiceProvider services, CancellationToken cancellationToken)
    {
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

        return (request, null);
    }

    private static ExecutionResult Error(string message, string code) =>
        ExecutionResult.RequestError(new GraphQLError(message).WithCode(code));
}

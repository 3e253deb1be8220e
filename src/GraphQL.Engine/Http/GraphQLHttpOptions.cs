using GraphQL.Engine.Execution;
using Microsoft.AspNetCore.Http;

namespace GraphQL.Engine.Http;

/// <summary>Transport settings of <see cref="GraphQLEndpointExtensions.MapGraphQL"/>.</summary>
public sealed record GraphQLHttpOptions
{
    /// <summary>Executor limits and switches (introspection, suggestions, depth, cost...).</summary>
    public ExecutionOptions Execution { get; init; } = ExecutionOptions.Default;

    /// <summary>Largest request body accepted, in bytes (413 above it).</summary>
    public long MaxRequestBytes { get; init; } = 1_000_000;

    /// <summary>Whether a JSON array of requests is accepted on POST; 0 disables batching.</summary>
    public int MaxBatchSize { get; init; } = 10;

    /// <summary>How long a WebSocket client has to send <c>connection_init</c> before it is closed with 4408.</summary>
    public TimeSpan ConnectionInitWaitTimeout { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>Persisted documents (requests with <c>documentId</c>) and the allow-list mode; null serves ad-hoc documents only.</summary>
    public Persisted.IPersistedDocumentStore? PersistedDocuments { get; init; }

    /// <summary>
    /// Apollo's automatic persisted queries; null answers a request that sends only a hash with
    /// <c>PERSISTED_QUERY_NOT_SUPPORTED</c>, which tells Apollo clients to send full queries.
    /// </summary>
    public Persisted.AutomaticPersistedQueryOptions? AutomaticPersistedQueries { get; init; }

    /// <summary>Serve the in-browser IDE (the engine's own page) to browsers at GET on the endpoint.</summary>
    public bool EnableIde { get; init; } = true;

    /// <summary>
    /// Called once per executed request (each entry of a batch too) with the work it cost: validation work units
    /// (0 when the document's outcome was cached) and the operation's computed cost. A service counts it against
    /// the caller's allowance here; the call completes before the response is written. Streams (WebSocket, SSE)
    /// are not reported.
    /// </summary>
    public Func<HttpContext, RequestWork, ValueTask>? OnRequestWork { get; init; }

    /// <summary>Serve the schema as SDL at <c>{endpoint}/schema.graphql</c>.</summary>
    public bool EnableSchemaEndpoint { get; init; } = true;
}

namespace GraphQL.Engine.Execution;

/// <summary>
/// The response of one request. <see cref="HasData"/> is false for request errors (syntax, validation,
/// variable coercion): the <c>data</c> entry is then absent from the response, as the specification demands.
/// </summary>
public sealed record ExecutionResult
{
    public IReadOnlyDictionary<string, object?>? Data { get; init; }

    public bool HasData { get; init; }

    public IReadOnlyList<GraphQLError>? Errors { get; init; }

    public IReadOnlyDictionary<string, object?>? Extensions { get; init; }

    /// <summary>What the request cost the server, for charging it to whoever sent it; not part of the response.</summary>
    public RequestWork? Work { get; init; }

    public static ExecutionResult RequestError(IReadOnlyList<GraphQLError> errors) => new() { Errors = errors };

    public static ExecutionResult RequestError(GraphQLError error) => new() { Errors = [error] };
}

namespace GraphQL.Engine.Execution;

/// <summary>
/// One GraphQL request: the document text (or a persisted <see cref="DocumentId"/>), variables already decoded
/// from JSON (maps, lists, strings, numbers, booleans; <see cref="System.Text.Json.JsonElement"/> is accepted too) and the operation to run.
/// </summary>
public sealed record GraphQLRequest(
    string? Query,
    IReadOnlyDictionary<string, object?>? Variables = null,
    string? OperationName = null)
{
    public IReadOnlyDictionary<string, object?>? Extensions { get; init; }

    /// <summary>A persisted document reference (<c>sha256:&lt;hex&gt;</c>) used instead of <see cref="Query"/>.</summary>
    public string? DocumentId { get; init; }
}

using GraphQL.Engine.Language;

namespace GraphQL.Engine.Execution;

/// <summary>An entry of the response's <c>errors</c> array, shaped as the specification's section 7.1.2 describes.</summary>
public sealed record GraphQLError(string Message)
{
    public IReadOnlyList<SourceLocation>? Locations { get; init; }

    /// <summary>Response keys (string) and list indexes (int) from the root to the field that failed.</summary>
    public IReadOnlyList<object>? Path { get; init; }

    public IReadOnlyDictionary<string, object?>? Extensions { get; init; }

    public static GraphQLError At(string message, params SyntaxNode[] nodes) =>
        new(message) { Locations = nodes.Length == 0 ? null : [.. nodes.Select(n => n.Location.ToSourceLocation())] };

    public GraphQLError WithCode(string code) =>
        this with { Extensions = new Dictionary<string, object?>(Extensions ?? new Dictionary<string, object?>()) { ["code"] = code } };
}

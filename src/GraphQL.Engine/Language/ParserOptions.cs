namespace GraphQL.Engine.Language;

/// <summary>
/// Bounds on what the parser accepts. They exist so that no document can exhaust memory (token count)
/// or the stack (nesting depth) before validation even starts.
/// </summary>
public sealed record ParserOptions
{
    public static ParserOptions Default { get; } = new();

    /// <summary>Most tokens a document may contain; <c>null</c> lifts the limit (only for trusted SDL).</summary>
    public int? MaxTokens { get; init; } = 15_000;

    /// <summary>Deepest nesting of selection sets, list/object values and type wrappers.</summary>
    public int MaxDepth { get; init; } = 200;
}

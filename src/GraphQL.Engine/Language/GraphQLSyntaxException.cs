namespace GraphQL.Engine.Language;

/// <summary>The document is not valid GraphQL text; the message says what was expected and where.</summary>
public sealed class GraphQLSyntaxException(string message, SourceLocation location)
    : Exception($"Syntax Error: {message}")
{
    public SourceLocation Location { get; } = location;
}

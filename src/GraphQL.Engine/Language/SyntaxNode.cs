namespace GraphQL.Engine.Language;

/// <summary>Every AST node knows where it came from, so errors can point at the user's text.</summary>
public abstract record SyntaxNode(Location Location);

public sealed record NameNode(string Value, Location Location) : SyntaxNode(Location)
{
    public override string ToString() => Value;
}

public sealed record DocumentNode(IReadOnlyList<DefinitionNode> Definitions, Location Location) : SyntaxNode(Location)
{
    /// <summary>How many tokens the parser read: a cheap proxy for the work the document asks for.</summary>
    public int TokenCount { get; init; }
}

public abstract record DefinitionNode(Location Location) : SyntaxNode(Location);

public enum OperationType
{
    Query,
    Mutation,
    Subscription,
}

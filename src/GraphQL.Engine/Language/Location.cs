namespace GraphQL.Engine.Language;

/// <summary>Where a node or token sits in the source: character offsets plus the 1-based line and column users see.</summary>
public readonly record struct Location(int Start, int End, int Line, int Column)
{
    public SourceLocation ToSourceLocation() => new(Line, Column);
}

/// <summary>The line/column pair that GraphQL errors report in their <c>locations</c> array.</summary>
public readonly record struct SourceLocation(int Line, int Column);

namespace GraphQL.Engine.Types;

/// <summary>Thrown by <see cref="SchemaBuilder.Build"/>: lists every problem found, not only the first.</summary>
public sealed class SchemaValidationException(IReadOnlyList<string> problems)
    : Exception("The GraphQL schema is invalid:" + string.Concat(problems.Select(p => "\n  - " + p)))
{
    public IReadOnlyList<string> Problems { get; } = problems;
}

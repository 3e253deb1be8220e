namespace GraphQL.Engine.Execution;

/// <summary>
/// Signals that a non-null field became null (its error is already recorded): the nearest nullable
/// ancestor becomes null. Thrown only on error paths, so its cost does not matter.
/// </summary>
internal sealed class NullPropagation : Exception
{
    public static NullPropagation Instance { get; } = new();
}

namespace GraphQL.Engine.Execution;

/// <summary>A completion failure (wrong shape, null in a non-null position) whose message is safe to show.</summary>
internal sealed class FieldError(string message) : Exception(message);

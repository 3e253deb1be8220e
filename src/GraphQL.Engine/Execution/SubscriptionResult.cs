namespace GraphQL.Engine.Execution;

/// <summary>
/// The outcome of <see cref="DocumentExecutor.SubscribeAsync"/>: either a request error (nothing was started) or
/// a stream of results, one per event (a single result for queries and mutations sent over a streaming transport).
/// </summary>
public sealed record SubscriptionResult(ExecutionResult? RequestError, IAsyncEnumerable<ExecutionResult>? Stream);

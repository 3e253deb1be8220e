namespace GraphQL.Engine.Execution;

/// <summary>
/// The work one request cost, so a service can count it against the caller's allowance.
/// <see cref="ValidationWork"/> is the units validation spent on this request (0 when the document's outcome was
/// cached; see <see cref="ExecutionOptions.MaxValidationWork"/>); <see cref="Cost"/> is the operation's computed
/// cost, the figure <see cref="ExecutionOptions.MaxCost"/> bounds (0 when the request was refused before it was computed).
/// </summary>
public sealed record RequestWork(long ValidationWork, double Cost);

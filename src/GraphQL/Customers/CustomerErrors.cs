namespace Crm.GraphQL.Customers;

/// <summary>The typed mistakes a mutation's payload can carry (the SDL's UserError interface).</summary>
public abstract record UserError(string Message, IReadOnlyList<string> Path)
{
    public static IReadOnlyList<UserError> None { get; } = [];
}

public sealed record ValidationError(string Message, IReadOnlyList<string> Path) : UserError(Message, Path);

public sealed record NotFoundError(string Message, IReadOnlyList<string> Path) : UserError(Message, Path);

/// <summary>The tenant's plan does not allow the change (e.g. more customers than it holds).</summary>
public sealed record PlanLimitError(string Message, IReadOnlyList<string> Path) : UserError(Message, Path);

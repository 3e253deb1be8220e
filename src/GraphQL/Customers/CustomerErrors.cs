using GraphQL.Engine.Execution;

namespace Crm.GraphQL.Customers;

/// <summary>The typed mistakes a mutation's payload can carry (the SDL's UserError interface).</summary>
public abstract record UserError(string Message, IReadOnlyList<string> Path)
{
    public static IReadOnlyList<UserError> None { get; } = [];
}

public sealed record ValidationError(string Message, IReadOnlyList<string> Path) : UserError(Message, Path)
{
    /// <summary>An error on an input field named as the rules name it ("address.country", "customFields.0.key"): its path is ["input", "address", "country"].</summary>
    public static ValidationError OnInput(string message, string field) => new(message, ["input", .. field.Split('.')]);
}

public sealed record NotFoundError(string Message, IReadOnlyList<string> Path) : UserError(Message, Path);

/// <summary>The tenant's plan does not allow the change (e.g. more customers than it holds).</summary>
public sealed record PlanLimitError(string Message, IReadOnlyList<string> Path) : UserError(Message, Path);

/// <summary>The payload of a mutation that deletes one thing by the id in its input: the id, or why nothing went.</summary>
public static class DeletePayload
{
    /// <param name="what">The thing in words, for the error ("segment").</param>
    public static async ValueTask<object?> RunAsync(IResolverContext context, string what, Func<string, Task<bool>> delete)
    {
        var id = (string)context.Argument<IReadOnlyDictionary<string, object?>>("input")!["id"]!;
        return await delete(id)
            ? new { DeletedId = (string?)id, Errors = UserError.None }
            : new { DeletedId = (string?)null, Errors = (IReadOnlyList<UserError>)[new NotFoundError($"The tenant has no {what} with this id.", ["input", "id"])] };
    }
}

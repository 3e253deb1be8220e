using GraphQL.Engine.Language;

namespace GraphQL.Engine.Validation.Rules;

/// <summary>5.4.2 Argument Uniqueness.</summary>
public sealed class UniqueArgumentNames : ValidationRule
{
    public override void EnterArguments(ValidationContext context, SyntaxNode owner, IReadOnlyList<ArgumentNode> arguments)
    {
        if (arguments.Count < 2)
            return;
        foreach (var group in arguments.GroupBy(a => a.Name.Value).Where(g => g.Count() > 1))
            context.ReportError($"There can be only one argument named \"{group.Key}\".", [.. group.Select(a => a.Name)]);
    }
}

using GraphQL.Engine.Language;

namespace GraphQL.Engine.Validation.Rules;

/// <summary>5.8.1 Variable Uniqueness.</summary>
public sealed class UniqueVariableNames : ValidationRule
{
    public override void EnterOperation(ValidationContext context, OperationDefinitionNode node)
    {
        if (node.VariableDefinitions.Count < 2)
            return;
        foreach (var group in node.VariableDefinitions.GroupBy(v => v.Variable.Name.Value).Where(g => g.Count() > 1))
            context.ReportError($"There can be only one variable named \"${group.Key}\".", [.. group.Select(v => v.Variable.Name)]);
    }
}

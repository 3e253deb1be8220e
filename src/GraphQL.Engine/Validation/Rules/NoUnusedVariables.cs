using GraphQL.Engine.Language;

namespace GraphQL.Engine.Validation.Rules;

/// <summary>5.8.4 All Variables Used.</summary>
public sealed class NoUnusedVariables : ValidationRule
{
    public override void EnterOperation(ValidationContext context, OperationDefinitionNode node)
    {
        var used = context.GetRecursiveVariableUsages(node).Select(u => u.Node.Name.Value).ToHashSet(StringComparer.Ordinal);
        foreach (var definition in node.VariableDefinitions)
        {
            var name = definition.Variable.Name.Value;
            if (!used.Contains(name))
            {
                context.ReportError(node.Name is null
                    ? $"Variable \"${name}\" is never used."
                    : $"Variable \"${name}\" is never used in operation \"{node.Name.Value}\".", definition);
            }
        }
    }
}

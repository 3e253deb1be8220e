using GraphQL.Engine.Language;

namespace GraphQL.Engine.Validation.Rules;

/// <summary>5.8.3 All Variable Uses Defined (through fragments too).</summary>
public sealed class NoUndefinedVariables : ValidationRule
{
    public override void EnterOperation(ValidationContext context, OperationDefinitionNode node)
    {
        var defined = node.VariableDefinitions.Select(v => v.Variable.Name.Value).ToHashSet(StringComparer.Ordinal);
        foreach (var usage in context.GetRecursiveVariableUsages(node))
        {
            var name = usage.Node.Name.Value;
            if (!defined.Contains(name))
            {
                context.ReportError(node.Name is null
                    ? $"Variable \"${name}\" is not defined."
                    : $"Variable \"${name}\" is not defined by operation \"{node.Name.Value}\".", usage.Node, node);
            }
        }
    }
}

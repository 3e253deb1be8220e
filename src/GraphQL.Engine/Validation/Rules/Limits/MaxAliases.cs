using GraphQL.Engine.Language;

namespace GraphQL.Engine.Validation.Rules.Limits;

/// <summary>Refuses operations using more aliases (fragments expanded) than <see cref="Execution.ExecutionOptions.MaxAliases"/>: aliases multiply work without nesting.</summary>
public sealed class MaxAliases : ValidationRule
{
    public override void EnterOperation(ValidationContext context, OperationDefinitionNode node)
    {
        var aliases = context.GetShape(node).Aliases;
        if (aliases > context.Options.MaxAliases)
            context.ReportError($"The operation uses {aliases} aliases; the limit is {context.Options.MaxAliases}.", node);
    }
}

using GraphQL.Engine.Language;

namespace GraphQL.Engine.Validation.Rules.Limits;

/// <summary>Refuses operations nesting fields deeper than <see cref="Execution.ExecutionOptions.MaxFieldDepth"/>, or lists deeper than <see cref="Execution.ExecutionOptions.MaxListDepth"/>.</summary>
public sealed class MaxDepth : ValidationRule
{
    public override void EnterOperation(ValidationContext context, OperationDefinitionNode node)
    {
        var shape = context.GetShape(node);
        if (shape.Depth > context.Options.MaxFieldDepth)
            context.ReportError($"The operation nests fields {shape.Depth} levels deep; the limit is {context.Options.MaxFieldDepth}. Split it into smaller operations.", node);
        if (shape.ListDepth > context.Options.MaxListDepth)
            context.ReportError($"The operation nests lists {shape.ListDepth} levels deep; the limit is {context.Options.MaxListDepth}. Fetch the inner lists in separate operations.", node);
    }
}

using GraphQL.Engine.Language;

namespace GraphQL.Engine.Validation.Rules.Limits;

/// <summary>
/// Refuses operations nesting fields deeper than <see cref="Execution.ExecutionOptions.MaxFieldDepth"/>, lists deeper
/// than <see cref="Execution.ExecutionOptions.MaxListDepth"/>, or fragments spreading fragments deeper than
/// <see cref="Execution.ExecutionOptions.MaxFragmentDepth"/> (a long chain adds no data, but every rule that follows
/// spreads pays for its length).
/// </summary>
public sealed class MaxDepth : ValidationRule
{
    public override void EnterOperation(ValidationContext context, OperationDefinitionNode node)
    {
        var shape = context.GetShape(node);
        if (shape.Depth > context.Options.MaxFieldDepth)
            context.ReportError($"The operation nests fields {shape.Depth} levels deep; the limit is {context.Options.MaxFieldDepth}. Split it into smaller operations.", node);
        if (shape.ListDepth > context.Options.MaxListDepth)
            context.ReportError($"The operation nests lists {shape.ListDepth} levels deep; the limit is {context.Options.MaxListDepth}. Fetch the inner lists in separate operations.", node);
        if (shape.FragmentDepth > context.Options.MaxFragmentDepth)
            context.ReportError($"The operation nests fragment spreads {shape.FragmentDepth} levels deep; the limit is {context.Options.MaxFragmentDepth}. Spread fewer fragments inside fragments.", node);
    }
}

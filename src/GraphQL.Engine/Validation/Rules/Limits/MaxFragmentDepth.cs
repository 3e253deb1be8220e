using GraphQL.Engine.Language;

namespace GraphQL.Engine.Validation.Rules.Limits;

/// <summary>
/// Refuses operations whose fragments spread fragments deeper than <see cref="Execution.ExecutionOptions.MaxFragmentDepth"/>:
/// a long chain adds no data, but every rule that follows spreads pays for its length.
/// </summary>
public sealed class MaxFragmentDepth : ValidationRule
{
    public override void EnterOperation(ValidationContext context, OperationDefinitionNode node)
    {
        var depth = context.GetShape(node).FragmentDepth;
        if (depth > context.Options.MaxFragmentDepth)
            context.ReportError($"The operation nests fragment spreads {depth} levels deep; the limit is {context.Options.MaxFragmentDepth}. Spread fewer fragments inside fragments.", node);
    }
}

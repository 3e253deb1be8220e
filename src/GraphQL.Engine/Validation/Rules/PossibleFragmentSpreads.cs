using GraphQL.Engine.Language;
using GraphQL.Engine.Types;

namespace GraphQL.Engine.Validation.Rules;

/// <summary>5.5.2.3 Fragment spread is possible: the fragment's type can overlap the parent type.</summary>
public sealed class PossibleFragmentSpreads : ValidationRule
{
    public override void EnterInlineFragment(ValidationContext context, InlineFragmentNode node)
    {
        if (context.Type?.NamedType is not { } fragmentType || context.ParentType is not { } parentType)
            return;
        if (FragmentsOnCompositeTypes.IsComposite(fragmentType) && !context.Schema.DoTypesOverlap(fragmentType, parentType))
            context.ReportError($"Fragment cannot be spread here as objects of type \"{parentType.Name}\" can never be of type \"{fragmentType.Name}\".", node);
    }

    public override void EnterFragmentSpread(ValidationContext context, FragmentSpreadNode node)
    {
        var fragment = context.GetFragment(node.Name.Value);
        if (fragment is null || context.ParentType is not { } parentType)
            return;
        if (context.Schema.GetType(fragment.TypeCondition.Name.Value) is not { } fragmentType || !FragmentsOnCompositeTypes.IsComposite(fragmentType))
            return;
        if (!context.Schema.DoTypesOverlap(fragmentType, parentType))
        {
            context.ReportError(
                $"Fragment \"{node.Name.Value}\" cannot be spread here as objects of type \"{parentType.Name}\" can never be of type \"{fragmentType.Name}\".", node);
        }
    }
}

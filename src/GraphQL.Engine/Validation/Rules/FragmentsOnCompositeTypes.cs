using GraphQL.Engine.Language;
using GraphQL.Engine.Types;

namespace GraphQL.Engine.Validation.Rules;

/// <summary>5.5.1.3 Fragments On Composite Types.</summary>
public sealed class FragmentsOnCompositeTypes : ValidationRule
{
    public override void EnterInlineFragment(ValidationContext context, InlineFragmentNode node)
    {
        if (node.TypeCondition is { } condition && context.Schema.GetType(condition.Name.Value) is { } type && !IsComposite(type))
            context.ReportError($"Fragment cannot condition on non composite type \"{condition.Name.Value}\".", condition);
    }

    public override void EnterFragmentDefinition(ValidationContext context, FragmentDefinitionNode node)
    {
        if (context.Schema.GetType(node.TypeCondition.Name.Value) is { } type && !IsComposite(type))
            context.ReportError($"Fragment \"{node.FragmentName.Value}\" cannot condition on non composite type \"{node.TypeCondition.Name.Value}\".", node.TypeCondition);
    }

    internal static bool IsComposite(NamedType type) => type is ObjectType or InterfaceType or UnionType;
}

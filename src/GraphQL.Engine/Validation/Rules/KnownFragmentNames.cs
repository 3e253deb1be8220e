using GraphQL.Engine.Language;

namespace GraphQL.Engine.Validation.Rules;

/// <summary>5.5.2.1 Fragment spread target defined.</summary>
public sealed class KnownFragmentNames : ValidationRule
{
    public override void EnterFragmentSpread(ValidationContext context, FragmentSpreadNode node)
    {
        if (context.GetFragment(node.Name.Value) is null)
            context.ReportError($"Unknown fragment \"{node.Name.Value}\".", node.Name);
    }
}

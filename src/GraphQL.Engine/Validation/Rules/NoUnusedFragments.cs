using GraphQL.Engine.Language;

namespace GraphQL.Engine.Validation.Rules;

/// <summary>5.5.1.4 Fragments Must Be Used.</summary>
public sealed class NoUnusedFragments : ValidationRule
{
    public override void LeaveDocument(ValidationContext context, DocumentNode node)
    {
        var used = new HashSet<string>(StringComparer.Ordinal);
        foreach (var operation in node.Definitions.OfType<OperationDefinitionNode>())
        {
            foreach (var fragment in context.GetRecursivelyReferencedFragments(operation))
                used.Add(fragment.FragmentName.Value);
        }

        foreach (var fragment in node.Definitions.OfType<FragmentDefinitionNode>())
        {
            if (!used.Contains(fragment.FragmentName.Value))
                context.ReportError($"Fragment \"{fragment.FragmentName.Value}\" is never used.", fragment);
        }
    }
}

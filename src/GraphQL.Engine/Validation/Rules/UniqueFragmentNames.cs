using GraphQL.Engine.Language;

namespace GraphQL.Engine.Validation.Rules;

/// <summary>5.5.1.1 Fragment Name Uniqueness.</summary>
public sealed class UniqueFragmentNames : ValidationRule
{
    private readonly Dictionary<string, NameNode> _seen = new(StringComparer.Ordinal);

    public override void EnterFragmentDefinition(ValidationContext context, FragmentDefinitionNode node)
    {
        var name = node.FragmentName;
        if (_seen.TryGetValue(name.Value, out var first))
            context.ReportError($"There can be only one fragment named \"{name.Value}\".", first, name);
        else
            _seen[name.Value] = name;
    }
}

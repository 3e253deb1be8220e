using GraphQL.Engine.Language;

namespace GraphQL.Engine.Validation.Rules;

/// <summary>5.2.1.1 Operation Name Uniqueness.</summary>
public sealed class UniqueOperationNames : ValidationRule
{
    private readonly Dictionary<string, NameNode> _seen = new(StringComparer.Ordinal);

    public override void EnterOperation(ValidationContext context, OperationDefinitionNode node)
    {
        if (node.Name is null)
            return;
        if (_seen.TryGetValue(node.Name.Value, out var first))
            context.ReportError($"There can be only one operation named \"{node.Name.Value}\".", first, node.Name);
        else
            _seen[node.Name.Value] = node.Name;
    }
}

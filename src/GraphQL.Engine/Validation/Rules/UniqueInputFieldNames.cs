using GraphQL.Engine.Language;

namespace GraphQL.Engine.Validation.Rules;

/// <summary>5.6.3 Input Object Field Uniqueness.</summary>
public sealed class UniqueInputFieldNames : ValidationRule
{
    public override void EnterValue(ValidationContext context, ValueNode node)
    {
        if (node is not ObjectValueNode obj)
            return;
        var seen = new Dictionary<string, NameNode>(StringComparer.Ordinal);
        foreach (var field in obj.Fields)
        {
            if (seen.TryGetValue(field.Name.Value, out var first))
                context.ReportError($"There can be only one input field named \"{field.Name.Value}\".", first, field.Name);
            else
                seen[field.Name.Value] = field.Name;
        }
    }
}

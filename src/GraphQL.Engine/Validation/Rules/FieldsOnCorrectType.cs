using GraphQL.Engine.Language;
using GraphQL.Engine.Types;

namespace GraphQL.Engine.Validation.Rules;

/// <summary>5.3.1 Field Selections: the field exists on the type being selected.</summary>
public sealed class FieldsOnCorrectType : ValidationRule
{
    public override void EnterField(ValidationContext context, FieldNode node)
    {
        if (context.ParentType is not { } parent || context.FieldDefinition is not null)
            return;
        var suggestion = string.Empty;
        if (context.Options.EnableFieldSuggestions)
        {
            var candidates = parent is ComplexType complex ? complex.Fields.Select(f => f.Name) : [];
            suggestion = Suggestions.For(node.Name.Value, candidates);
        }

        context.ReportError($"Cannot query field \"{node.Name.Value}\" on type \"{parent.Name}\".{suggestion}", node);
    }
}

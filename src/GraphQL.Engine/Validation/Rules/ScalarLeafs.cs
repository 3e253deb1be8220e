using GraphQL.Engine.Language;

namespace GraphQL.Engine.Validation.Rules;

/// <summary>5.3.3 Leaf Field Selections.</summary>
public sealed class ScalarLeafs : ValidationRule
{
    public override void EnterField(ValidationContext context, FieldNode node)
    {
        if (context.Type is not { } type)
            return;
        if (type.IsLeafType)
        {
            if (node.SelectionSet is not null)
                context.ReportError($"Field \"{node.Name.Value}\" must not have a selection since type \"{type}\" has no subfields.", node.SelectionSet);
        }
        else if (node.SelectionSet is null)
        {
            context.ReportError($"Field \"{node.Name.Value}\" of type \"{type}\" must have a selection of subfields. Did you mean \"{node.Name.Value} {{ ... }}\"?", node);
        }
    }
}

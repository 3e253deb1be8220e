using GraphQL.Engine.Language;
using GraphQL.Engine.Types;

namespace GraphQL.Engine.Validation.Rules;

/// <summary>
/// 5.2.4.1 Single Root Field: a subscription selects exactly one root field, not an introspection field,
/// and its root selections carry no @skip/@include (which would make the selected field depend on variables).
/// </summary>
public sealed class SingleFieldSubscriptions : ValidationRule
{
    public override void EnterOperation(ValidationContext context, OperationDefinitionNode node)
    {
        if (node.Operation != OperationType.Subscription || context.Schema.SubscriptionType is not { } root)
            return;
        var subject = node.Name is null ? "Anonymous Subscription" : $"Subscription \"{node.Name.Value}\"";
        var fields = new List<(string Key, List<FieldNode> Nodes)>();
        var conditional = new List<DirectiveNode>();
        Collect(context, root, node.SelectionSet, fields, conditional, []);
        if (conditional.Count > 0)
        {
            context.ReportError($"{subject} must not use `@skip` or `@include` directives in the top level selection.", [.. conditional]);
            return;
        }

        if (fields.Count == 0)
            context.ReportError($"{subject} must select one top level field.", node.SelectionSet);
        if (fields.Count > 1)
            context.ReportError($"{subject} must select only one top level field.", [.. fields.Skip(1).SelectMany(f => f.Nodes)]);
        foreach (var (_, nodes) in fields)
        {
            if (nodes[0].Name.Value.StartsWith("__", StringComparison.Ordinal))
                context.ReportError($"{subject} must not select an introspection top level field.", [.. nodes]);
        }
    }

    private static void Collect(
        ValidationContext context, ObjectType root, SelectionSetNode selectionSet,
        List<(string Key, List<FieldNode> Nodes)> fields, List<DirectiveNode> conditional, HashSet<string> visited)
    {
        foreach (var selection in selectionSet.Selections)
        {
            conditional.AddRange(selection.Directives.Where(d => d.Name.Value is "skip" or "include"));
            switch (selection)
            {
                case FieldNode field:
                    var existing = fields.FindIndex(f => f.Key == field.ResponseKey);
                    if (existing >= 0)
                        fields[existing].Nodes.Add(field);
                    else
                        fields.Add((field.ResponseKey, [field]));
                    break;
                case InlineFragmentNode inline:
                    Collect(context, root, inline.SelectionSet, fields, conditional, visited);
                    break;
                case FragmentSpreadNode spread when visited.Add(spread.Name.Value) && context.GetFragment(spread.Name.Value) is { } fragment:
                    Collect(context, root, fragment.SelectionSet, fields, conditional, visited);
                    break;
            }
        }
    }
}

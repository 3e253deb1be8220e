using GraphQL.Engine.Language;

namespace GraphQL.Engine.Validation.Rules;

/// <summary>
/// Refuses introspection queries nesting <c>fields</c>/<c>interfaces</c>/<c>possibleTypes</c>/<c>inputFields</c> three or more
/// levels deep: such queries grow exponentially and serve no client (graphql-js ships the same rule).
/// </summary>
public sealed class MaxIntrospectionDepth : ValidationRule
{
    private const int MaxListsDepth = 3;

    public override void EnterField(ValidationContext context, FieldNode node)
    {
        if (node.Name.Value is "__schema" or "__type" && Exceeds(context, node, new Dictionary<string, int>(StringComparer.Ordinal), 0))
            context.ReportError("Maximum introspection depth exceeded", node);
    }

    private static bool Exceeds(ValidationContext context, SelectionNode node, Dictionary<string, int> visited, int depth)
    {
        context.Spend();
        if (node is FragmentSpreadNode spread)
        {
            var name = spread.Name.Value;
            if (visited.TryGetValue(name, out var seenDepth) && seenDepth >= depth)
                return false;
            if (context.GetFragment(name) is not { } fragment)
                return false;
            visited[name] = depth;
            return fragment.SelectionSet.Selections.Any(s => Exceeds(context, s, visited, depth));
        }

        if (node is FieldNode { Name.Value: "fields" or "interfaces" or "possibleTypes" or "inputFields" } && ++depth >= MaxListsDepth)
            return true;
        var selectionSet = node switch
        {
            FieldNode field => field.SelectionSet,
            InlineFragmentNode inline => inline.SelectionSet,
            _ => null,
        };
        return selectionSet is not null && selectionSet.Selections.Any(s => Exceeds(context, s, visited, depth));
    }
}

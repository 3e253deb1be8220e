using GraphQL.Engine.Introspection;
using GraphQL.Engine.Language;
using GraphQL.Engine.Types;

namespace GraphQL.Engine.Validation.Rules.Limits;

/// <summary>
/// Measures what an operation asks for with fragments expanded: field depth, list-in-list depth, aliases.
/// Runs only on documents that passed the specification's rules, so fragments exist and do not cycle.
/// Introspection subtrees are left out: <see cref="MaxIntrospectionDepth"/> bounds them.
/// </summary>
internal sealed class OperationShape
{
    private readonly ValidationContext _context;
    private readonly Dictionary<(SelectionSetNode, string?), (int Depth, int ListDepth, long Aliases)> _memo = new();

    private OperationShape(ValidationContext context) => _context = context;

    public int Depth { get; private init; }

    public int ListDepth { get; private init; }

    public long Aliases { get; private init; }

    public static OperationShape Measure(ValidationContext context, OperationDefinitionNode operation)
    {
        var shape = new OperationShape(context);
        var (depth, listDepth, aliases) = shape.Walk(operation.SelectionSet, context.Schema.GetRootType(operation.Operation));
        return new OperationShape(context) { Depth = depth, ListDepth = listDepth, Aliases = aliases };
    }

    private (int Depth, int ListDepth, long Aliases) Walk(SelectionSetNode selectionSet, NamedType? parentType)
    {
        var key = (selectionSet, parentType?.Name);
        if (_memo.TryGetValue(key, out var known))
            return known;
        int depth = 0, listDepth = 0;
        long aliases = 0;
        foreach (var selection in selectionSet.Selections)
        {
            (int Depth, int ListDepth, long Aliases) child;
            switch (selection)
            {
                case FieldNode field:
                    if (field.Name.Value is "__schema" or "__type")
                        continue;
                    var definition = parentType is null ? null : IntrospectionSchema.GetField(_context.Schema, parentType, field.Name.Value);
                    var isList = definition?.Type.Nullable is ListType;
                    var nested = field.SelectionSet is null ? (0, 0, 0L) : Walk(field.SelectionSet, definition?.Type.NamedType);
                    child = (nested.Item1 + 1, nested.Item2 + (isList ? 1 : 0), nested.Item3 + (field.Alias is null ? 0 : 1));
                    break;
                case InlineFragmentNode inline:
                    child = Walk(inline.SelectionSet, inline.TypeCondition is null ? parentType : _context.Schema.GetType(inline.TypeCondition.Name.Value));
                    break;
                case FragmentSpreadNode spread when _context.GetFragment(spread.Name.Value) is { } fragment:
                    child = Walk(fragment.SelectionSet, _context.Schema.GetType(fragment.TypeCondition.Name.Value));
                    break;
                default:
                    continue;
            }

            depth = Math.Max(depth, child.Depth);
            listDepth = Math.Max(listDepth, child.ListDepth);
            aliases += child.Aliases;
        }

        return _memo[key] = (depth, listDepth, aliases);
    }
}

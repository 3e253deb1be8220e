using GraphQL.Engine.Introspection;
using GraphQL.Engine.Language;
using GraphQL.Engine.Types;

namespace GraphQL.Engine.Validation.Rules.Limits;

/// <summary>
/// Measures what an operation asks for with fragments expanded: field depth, list-in-list depth, aliases, and how
/// deep fragments spread fragments. Each (selection set, type) is measured once, so the walk is linear in the
/// document even when fragments are spread many times. It runs before the specification's rules, so it tolerates
/// unknown fragments and types (left out) and fragment cycles (a spread back into the path counts as empty).
/// Introspection subtrees are left out: <see cref="MaxIntrospectionDepth"/> bounds them.
/// </summary>
internal sealed class OperationShape
{
    public int Depth { get; private init; }

    public int ListDepth { get; private init; }

    public long Aliases { get; private init; }

    public int FragmentDepth { get; private init; }

    private readonly record struct Measures(int Depth, int ListDepth, long Aliases, int FragmentDepth);

    /// <summary>Measures the operations of one document, sharing what it learnt of each fragment between them.</summary>
    internal sealed class Measurer(ValidationContext context)
    {
        private readonly Dictionary<(SelectionSetNode, string?), Measures> _memo = new();
        private readonly HashSet<(SelectionSetNode, string?)> _inProgress = [];

        public OperationShape Measure(OperationDefinitionNode operation)
        {
            var measures = Walk(operation.SelectionSet, context.Schema.GetRootType(operation.Operation));
            return new OperationShape { Depth = measures.Depth, ListDepth = measures.ListDepth, Aliases = measures.Aliases, FragmentDepth = measures.FragmentDepth };
        }

        private Measures Walk(SelectionSetNode selectionSet, NamedType? parentType)
        {
            var key = (selectionSet, parentType?.Name);
            if (_memo.TryGetValue(key, out var known))
                return known;
            if (!_inProgress.Add(key))
                return default;
            int depth = 0, listDepth = 0, fragmentDepth = 0;
            long aliases = 0;
            foreach (var selection in selectionSet.Selections)
            {
                context.Spend();
                Measures child;
                switch (selection)
                {
                    case FieldNode field:
                        if (field.Name.Value is "__schema" or "__type")
                            continue;
                        var definition = parentType is null ? null : IntrospectionSchema.GetField(context.Schema, parentType, field.Name.Value);
                        var isList = definition?.Type.Nullable is ListType;
                        var nested = field.SelectionSet is null ? default : Walk(field.SelectionSet, definition?.Type.NamedType);
                        child = new Measures(nested.Depth + 1, nested.ListDepth + (isList ? 1 : 0), nested.Aliases + (field.Alias is null ? 0 : 1), nested.FragmentDepth);
                        break;
                    case InlineFragmentNode inline:
                        child = Walk(inline.SelectionSet, inline.TypeCondition is null ? parentType : context.Schema.GetType(inline.TypeCondition.Name.Value));
                        break;
                    case FragmentSpreadNode spread when context.GetFragment(spread.Name.Value) is { } fragment:
                        child = Walk(fragment.SelectionSet, context.Schema.GetType(fragment.TypeCondition.Name.Value));
                        child = child with { FragmentDepth = child.FragmentDepth + 1 };
                        break;
                    default:
                        continue;
                }

                depth = Math.Max(depth, child.Depth);
                listDepth = Math.Max(listDepth, child.ListDepth);
                fragmentDepth = Math.Max(fragmentDepth, child.FragmentDepth);
                aliases += child.Aliases;
            }

            _inProgress.Remove(key);
            return _memo[key] = new Measures(depth, listDepth, aliases, fragmentDepth);
        }
    }
}

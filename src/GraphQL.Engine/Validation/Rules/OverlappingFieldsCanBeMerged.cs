using GraphQL.Engine.Language;
using GraphQL.Engine.Types;
using GraphQL.Engine.Utilities;

namespace GraphQL.Engine.Validation.Rules;

/// <summary>
/// 5.3.2 Field Selection Merging: fields sharing a response key must be the same field with the same arguments
/// (unless their parents are different object types) and must return shapes that can merge. Follows the
/// algorithm of the specification's FieldsInSetCanMerge, with graphql-js's caching of fragment comparisons.
/// </summary>
public sealed class OverlappingFieldsCanBeMerged : ValidationRule
{
    private readonly Dictionary<SelectionSetNode, (FieldMap Fields, List<string> Fragments)> _cache = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<(string, string), bool> _comparedFragments = [];
    private readonly HashSet<(FieldMap, string, bool)> _comparedFieldsAndFragments = [];
    private ValidationContext _context = null!;

    public override void EnterSelectionSet(ValidationContext context, SelectionSetNode node)
    {
        _context = context;
        var conflicts = new List<Conflict>();
        var (fields, fragments) = FieldsAndFragments(context.ParentType, node);
        CollectWithin(conflicts, fields);
        for (var i = 0; i < fragments.Count; i++)
        {
            CollectBetweenFieldsAndFragment(conflicts, false, fields, fragments[i]);
            for (var j = i + 1; j < fragments.Count; j++)
                CollectBetweenFragments(conflicts, false, fragments[i], fragments[j]);
        }

        foreach (var conflict in conflicts)
        {
            context.ReportError(
                $"Fields \"{conflict.ResponseKey}\" conflict because {conflict.Reason.Describe()}. Use different aliases on the fields to fetch both if this was intentional.",
                [.. conflict.Fields1, .. conflict.Fields2]);
        }
    }

    private sealed class FieldMap : Dictionary<string, List<FieldEntry>>
    {
        public FieldMap()
            : base(StringComparer.Ordinal)
        {
        }
    }

    private sealed record FieldEntry(NamedType? ParentType, FieldNode Node, FieldDefinition? Definition);

    private sealed record Reason(string? Message, IReadOnlyList<(string Key, Reason Reason)>? Subreasons)
    {
        public string Describe() => Message ?? string.Join(" and ", Subreasons!.Select(s => $"subfields \"{s.Key}\" conflict because {s.Reason.Describe()}"));
    }

    private sealed record Conflict(string ResponseKey, Reason Reason, List<FieldNode> Fields1, List<FieldNode> Fields2);

    private (FieldMap Fields, List<string> Fragments) FieldsAndFragments(NamedType? parentType, SelectionSetNode selectionSet)
    {
        if (_cache.TryGetValue(selectionSet, out var cached))
            return cached;
        var fields = new FieldMap();
        var fragments = new List<string>();
        Collect(parentType, selectionSet, fields, fragments, new HashSet<string>(StringComparer.Ordinal));
        _cache[selectionSet] = (fields, fragments);
        return (fields, fragments);
    }

    private void Collect(NamedType? parentType, SelectionSetNode selectionSet, FieldMap fields, List<string> fragments, HashSet<string> seenFragments)
    {
        foreach (var selection in selectionSet.Selections)
        {
            _context.Spend();
            switch (selection)
            {
                case FieldNode field:
                    var definition = (parentType as ComplexType)?.GetField(field.Name.Value);
                    if (!fields.TryGetValue(field.ResponseKey, out var list))
                        fields[field.ResponseKey] = list = [];
                    list.Add(new FieldEntry(parentType, field, definition));
                    break;
                case FragmentSpreadNode spread:
                    if (seenFragments.Add(spread.Name.Value))
                        fragments.Add(spread.Name.Value);
                    break;
                case InlineFragmentNode inline:
                    var type = inline.TypeCondition is null ? parentType : _context.Schema.GetType(inline.TypeCondition.Name.Value);
                    Collect(type, inline.SelectionSet, fields, fragments, seenFragments);
                    break;
            }
        }
    }

    private (FieldMap Fields, List<string> Fragments)? ReferencedFieldsAndFragments(string fragmentName)
    {
        if (_context.GetFragment(fragmentName) is not { } fragment)
            return null;
        var type = TypeFromAst.Resolve(_context.Schema, fragment.TypeCondition) as NamedType;
        return FieldsAndFragments(type, fragment.SelectionSet);
    }

    private void CollectWithin(List<Conflict> conflicts, FieldMap fields)
    {
        foreach (var (key, entries) in fields)
        {
            for (var i = 0; i < entries.Count; i++)
            {
                for (var j = i + 1; j < entries.Count; j++)
                {
                    if (FindConflict(false, key, entries[i], entries[j]) is { } conflict)
                        conflicts.Add(conflict);
                }
            }
        }
    }

    private void CollectBetween(List<Conflict> conflicts, bool mutuallyExclusive, FieldMap fields1, FieldMap fields2)
    {
        foreach (var (key, entries1) in fields1)
        {
            if (!fields2.TryGetValue(key, out var entries2))
                continue;
            foreach (var entry1 in entries1)
            {
                foreach (var entry2 in entries2)
                {
                    if (FindConflict(mutuallyExclusive, key, entry1, entry2) is { } conflict)
                        conflicts.Add(conflict);
                }
            }
        }
    }

    private void CollectBetweenFieldsAndFragment(List<Conflict> conflicts, bool mutuallyExclusive, FieldMap fields, string fragmentName)
    {
        // No field can conflict with an empty map: without this, a chain of spreads is walked to its end from every link.
        if (fields.Count == 0)
            return;
        if (!_comparedFieldsAndFragments.Add((fields, fragmentName, mutuallyExclusive)))
            return;

        // Weighed like a pair of fragments (below): a fragment look-up and a field map compared.
        _context.Spend(2);
        if (ReferencedFieldsAndFragments(fragmentName) is not var (fields2, referenced) || ReferenceEquals(fields, fields2))
            return;
        CollectBetween(conflicts, mutuallyExclusive, fields, fields2);
        foreach (var name in referenced)
            CollectBetweenFieldsAndFragment(conflicts, mutuallyExclusive, fields, name);
    }

    private void CollectBetweenFragments(List<Conflict> conflicts, bool mutuallyExclusive, string name1, string name2)
    {
        if (name1 == name2)
            return;
        var key = string.CompareOrdinal(name1, name2) < 0 ? (name1, name2) : (name2, name1);
        if (_comparedFragments.TryGetValue(key, out var comparedExclusive) && (mutuallyExclusive || !comparedExclusive))
            return;
        _comparedFragments[key] = mutuallyExclusive;

        // Weighed by what it costs next to one node visited: two fragment look-ups and their field maps compared.
        _context.Spend(3);
        if (ReferencedFieldsAndFragments(name1) is not var (fields1, referenced1) || ReferencedFieldsAndFragments(name2) is not var (fields2, referenced2))
            return;
        CollectBetween(conflicts, mutuallyExclusive, fields1, fields2);
        foreach (var name in referenced2)
            CollectBetweenFragments(conflicts, mutuallyExclusive, name1, name);
        foreach (var name in referenced1)
            CollectBetweenFragments(conflicts, mutuallyExclusive, name, name2);
    }

    private List<Conflict> ConflictsBetweenSubSelections(bool mutuallyExclusive, NamedType? type1, SelectionSetNode set1, NamedType? type2, SelectionSetNode set2)
    {
        var conflicts = new List<Conflict>();
        var (fields1, fragments1) = FieldsAndFragments(type1, set1);
        var (fields2, fragments2) = FieldsAndFragments(type2, set2);
        CollectBetween(conflicts, mutuallyExclusive, fields1, fields2);
        foreach (var name in fragments2)
            CollectBetweenFieldsAndFragment(conflicts, mutuallyExclusive, fields1, name);
        foreach (var name in fragments1)
            CollectBetweenFieldsAndFragment(conflicts, mutuallyExclusive, fields2, name);
        foreach (var name1 in fragments1)
        {
            foreach (var name2 in fragments2)
                CollectBetweenFragments(conflicts, mutuallyExclusive, name1, name2);
        }

        return conflicts;
    }

    private Conflict? FindConflict(bool parentsMutuallyExclusive, string key, FieldEntry field1, FieldEntry field2)
    {
        _context.Spend();
        var mutuallyExclusive = parentsMutuallyExclusive
            || (field1.ParentType is ObjectType && field2.ParentType is ObjectType && !ReferenceEquals(field1.ParentType, field2.ParentType));
        if (!mutuallyExclusive)
        {
            if (field1.Node.Name.Value != field2.Node.Name.Value)
                return Simple(key, $"\"{field1.Node.Name.Value}\" and \"{field2.Node.Name.Value}\" are different fields", field1, field2);
            if (!SameArguments(field1.Node.Arguments, field2.Node.Arguments))
                return Simple(key, "they have differing arguments", field1, field2);
        }

        if (field1.Definition?.Type is { } type1 && field2.Definition?.Type is { } type2 && DoTypesConflict(type1, type2))
            return Simple(key, $"they return conflicting types \"{type1}\" and \"{type2}\"", field1, field2);

        if (field1.Node.SelectionSet is { } set1 && field2.Node.SelectionSet is { } set2)
        {
            var sub = ConflictsBetweenSubSelections(mutuallyExclusive, field1.Definition?.Type.NamedType, set1, field2.Definition?.Type.NamedType, set2);
            if (sub.Count > 0)
            {
                return new Conflict(
                    key,
                    new Reason(null, [.. sub.Select(c => (c.ResponseKey, c.Reason))]),
                    [field1.Node, .. sub.SelectMany(c => c.Fields1)],
                    [field2.Node, .. sub.SelectMany(c => c.Fields2)]);
            }
        }

        return null;
    }

    private static Conflict Simple(string key, string message, FieldEntry field1, FieldEntry field2) =>
        new(key, new Reason(message, null), [field1.Node], [field2.Node]);

    private bool SameArguments(IReadOnlyList<ArgumentNode> arguments1, IReadOnlyList<ArgumentNode> arguments2)
    {
        if (arguments1.Count != arguments2.Count)
            return false;
        foreach (var argument1 in arguments1)
        {
            _context.Spend(arguments2.Count);
            var argument2 = arguments2.FirstOrDefault(a => a.Name.Value == argument1.Name.Value);
            if (argument2 is null || Canonical(argument1.Value) != Canonical(argument2.Value))
                return false;
        }

        return true;
    }

    /// <summary>Prints a value with object fields sorted, so field order does not make two values differ.</summary>
    private string Canonical(ValueNode value)
    {
        _context.Spend();
        return value switch
        {
            ObjectValueNode obj => "{" + string.Join(",", obj.Fields.OrderBy(f => f.Name.Value, StringComparer.Ordinal).Select(f => f.Name.Value + ":" + Canonical(f.Value))) + "}",
            ListValueNode list => "[" + string.Join(",", list.Values.Select(Canonical)) + "]",
            _ => Printer.Print(value),
        };
    }

    private static bool DoTypesConflict(GraphQLType type1, GraphQLType type2)
    {
        if (type1 is ListType list1)
            return type2 is not ListType list2 || DoTypesConflict(list1.OfType, list2.OfType);
        if (type2 is ListType)
            return true;
        if (type1 is NonNullType nonNull1)
            return type2 is not NonNullType nonNull2 || DoTypesConflict(nonNull1.OfType, nonNull2.OfType);
        if (type2 is NonNullType)
            return true;
        if (type1.IsLeafType || type2.IsLeafType)
            return !ReferenceEquals(type1, type2);
        return false;
    }
}

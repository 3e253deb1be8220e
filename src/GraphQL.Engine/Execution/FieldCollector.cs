using GraphQL.Engine.Language;
using GraphQL.Engine.Types;

namespace GraphQL.Engine.Execution;

/// <summary>CollectFields of the specification: applies @skip/@include, fragments and type conditions, merges by response key.</summary>
internal sealed class FieldCollector(Schema schema, PreparedDocument document, IReadOnlyDictionary<string, object?> variables)
{
    public IReadOnlyList<CollectedField> Collect(ObjectType type, SelectionSetNode selectionSet)
    {
        var cacheable = !document.HasConditionalSelections;
        if (cacheable && document.TryGetCollected(type, selectionSet, out var cached))
            return cached;
        var fields = new List<CollectedField>();
        var byKey = new Dictionary<string, CollectedField>(StringComparer.Ordinal);
        HashSet<string>? visited = null;
        Collect(type, selectionSet, fields, byKey, ref visited);
        if (cacheable)
            document.StoreCollected(type, selectionSet, fields);
        return fields;
    }

    /// <summary>Sub-fields of a field whose value is an object; merges the selection sets of every field node.</summary>
    public IReadOnlyList<CollectedField> CollectSubfields(ObjectType type, List<FieldNode> nodes)
    {
        if (nodes.Count == 1)
            return Collect(type, nodes[0].SelectionSet!);
        var fields = new List<CollectedField>();
        var byKey = new Dictionary<string, CollectedField>(StringComparer.Ordinal);
        HashSet<string>? visited = null;
        foreach (var node in nodes)
        {
            if (node.SelectionSet is not null)
                Collect(type, node.SelectionSet, fields, byKey, ref visited);
        }

        return fields;
    }

    private void Collect(ObjectType type, SelectionSetNode selectionSet, List<CollectedField> fields, Dictionary<string, CollectedField> byKey, ref HashSet<string>? visited)
    {
        foreach (var selection in selectionSet.Selections)
        {
            if (selection.Directives.Count > 0 && !ShouldInclude(selection.Directives))
                continue;
            switch (selection)
            {
                case FieldNode field:
                    var key = field.ResponseKey;
                    if (byKey.TryGetValue(key, out var existing))
                    {
                        existing.Nodes.Add(field);
                    }
                    else
                    {
                        var collected = new CollectedField(type, key, field, Introspection.IntrospectionSchema.GetField(schema, type, field.Name.Value));
                        byKey[key] = collected;
                        fields.Add(collected);
                    }

                    break;
                case InlineFragmentNode inline:
                    if (inline.TypeCondition is null || Applies(inline.TypeCondition.Name.Value, type))
                        Collect(type, inline.SelectionSet, fields, byKey, ref visited);
                    break;
                case FragmentSpreadNode spread:
                    var name = spread.Name.Value;
                    visited ??= new HashSet<string>(StringComparer.Ordinal);
                    if (!visited.Add(name) || !document.Fragments.TryGetValue(name, out var fragment))
                        continue;
                    if (Applies(fragment.TypeCondition.Name.Value, type))
                        Collect(type, fragment.SelectionSet, fields, byKey, ref visited);
                    break;
            }
        }
    }

    private bool Applies(string typeCondition, ObjectType type)
    {
        if (typeCondition == type.Name)
            return true;
        var conditionType = schema.GetType(typeCondition);
        return conditionType is InterfaceType or UnionType && schema.IsSubType(conditionType, type);
    }

    private bool ShouldInclude(IReadOnlyList<DirectiveNode> directives)
    {
        foreach (var directive in directives)
        {
            var name = directive.Name.Value;
            if (name is not ("skip" or "include"))
                continue;
            var condition = Condition(directive);
            if (name == "skip" && condition)
                return false;
            if (name == "include" && !condition)
                return false;
        }

        return true;
    }

    private bool Condition(DirectiveNode directive)
    {
        var argument = directive.Arguments.FirstOrDefault(a => a.Name.Value == "if");
        return argument?.Value switch
        {
            BooleanValueNode b => b.Value,
            VariableNode v => variables.TryGetValue(v.Name.Value, out var value) && value is true,
            _ => throw new CoercionException($"Directive \"@{directive.Name.Value}\" needs a Boolean \"if\" argument."),
        };
    }
}

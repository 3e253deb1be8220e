using System.Globalization;
using GraphQL.Engine.Introspection;
using GraphQL.Engine.Language;
using GraphQL.Engine.Types;

namespace GraphQL.Engine.Execution;

/// <summary>
/// Estimates what an operation will cost before running it, in the style of the GraphQL cost specification:
/// composite fields weigh 1 and leaves 0 unless the schema says <c>@cost(weight: "n")</c> on the field or else on its
/// type, and every argument the operation passes adds its own <c>@cost</c> weight (a search argument, say); a list field multiplies
/// its selection by its size, read from its slicing arguments (<c>first</c>/<c>last</c>, or <c>@listSize(slicingArguments:)</c>),
/// else <c>@listSize(assumedSize:)</c>, else <see cref="ExecutionOptions.DefaultListSize"/>. A connection
/// (a type named <c>...Connection</c>) passes its size on to its <c>edges</c> and <c>nodes</c>.
/// Variables are known here, so <c>first: $n</c> counts as the value sent.
/// </summary>
internal sealed class CostAnalysis(Schema schema, PreparedDocument document, IReadOnlyDictionary<string, object?> variables, ExecutionOptions options)
{
    private readonly Dictionary<(SelectionSetNode, string, long), double> _memo = new();

    public double Measure(OperationDefinitionNode operation) =>
        Cost(operation.SelectionSet, schema.GetRootType(operation.Operation)!, inheritedSize: 1);

    private double Cost(SelectionSetNode selectionSet, NamedType parentType, long inheritedSize)
    {
        var key = (selectionSet, parentType.Name, inheritedSize);
        if (_memo.TryGetValue(key, out var known))
            return known;
        double total = 0;
        foreach (var selection in selectionSet.Selections)
        {
            switch (selection)
            {
                case FieldNode field when field.Name.Value is not ("__schema" or "__type" or "__typename"):
                    total += FieldCost(field, parentType, inheritedSize);
                    break;
                case InlineFragmentNode inline:
                    total += Cost(inline.SelectionSet, inline.TypeCondition is null ? parentType : schema.GetType(inline.TypeCondition.Name.Value) ?? parentType, inheritedSize);
                    break;
                case FragmentSpreadNode spread when document.Fragments.TryGetValue(spread.Name.Value, out var fragment):
                    total += Cost(fragment.SelectionSet, schema.GetType(fragment.TypeCondition.Name.Value) ?? parentType, inheritedSize);
                    break;
            }
        }

        return _memo[key] = total;
    }

    private double FieldCost(FieldNode field, NamedType parentType, long inheritedSize)
    {
        var definition = IntrospectionSchema.GetField(schema, parentType, field.Name.Value);
        if (definition is null)
            return 0;
        var type = definition.Type;
        var weight = Weight(definition, type.NamedType) + ArgumentWeights(field, definition);
        var size = Size(field, definition);
        var isConnection = type.NamedType.Name.EndsWith("Connection", StringComparison.Ordinal) && size is not null;
        var multiplier = type.Nullable is ListType ? size ?? AssumedSize(definition) : 1;
        if (inheritedSize > 1 && field.Name.Value is "edges" or "nodes")
            multiplier = inheritedSize;
        var childSize = isConnection ? size!.Value : 1;
        var children = field.SelectionSet is null ? 0 : Cost(field.SelectionSet, type.NamedType, childSize);
        return weight * (type.Nullable is ListType ? multiplier : 1) + multiplier * children;
    }

    private static double Weight(FieldDefinition definition, NamedType type) =>
        CostWeight(definition.AstNode?.Directives)
        ?? type.AstNodes.Select(node => CostWeight(node.Directives)).FirstOrDefault(weight => weight is not null)
        ?? (type.IsLeafType ? 0 : 1);

    // Only arguments the operation actually passes cost anything: an optional filter left out is free.
    private static double ArgumentWeights(FieldNode field, FieldDefinition definition)
    {
        double total = 0;
        foreach (var argument in field.Arguments)
        {
            if (definition.Arguments.FirstOrDefault(a => a.Name == argument.Name.Value)?.AstNode?.Directives is { } directives)
                total += CostWeight(directives) ?? 0;
        }

        return total;
    }

    private static double? CostWeight(IEnumerable<DirectiveNode>? directives) =>
        directives?.FirstOrDefault(d => d.Name.Value == "cost")?.Arguments.FirstOrDefault(a => a.Name.Value == "weight")?.Value switch
        {
            StringValueNode s when double.TryParse(s.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var w) => w,
            IntValueNode i => double.Parse(i.Value, CultureInfo.InvariantCulture),
            FloatValueNode f => double.Parse(f.Value, CultureInfo.InvariantCulture),
            _ => null,
        };

    private long? Size(FieldNode field, FieldDefinition definition)
    {
        var slicing = Directive(definition, "listSize")?.Arguments.FirstOrDefault(a => a.Name.Value == "slicingArguments")?.Value is ListValueNode names
            ? names.Values.OfType<StringValueNode>().Select(n => n.Value).ToArray()
            : ["first", "last"];
        long? size = null;
        foreach (var argument in field.Arguments.Where(a => slicing.Contains(a.Name.Value)))
        {
            var value = argument.Value switch
            {
                IntValueNode i => long.TryParse(i.Value, CultureInfo.InvariantCulture, out var n) ? n : long.MaxValue,
                VariableNode v when variables.TryGetValue(v.Name.Value, out var variable) && variable is int or long => Convert.ToInt64(variable, CultureInfo.InvariantCulture),
                _ => (long?)null,
            };
            if (value is { } given)
                size = Math.Max(size ?? 0, given);
        }

        return size;
    }

    private long AssumedSize(FieldDefinition definition) =>
        Directive(definition, "listSize")?.Arguments.FirstOrDefault(a => a.Name.Value == "assumedSize")?.Value is IntValueNode assumed
            ? long.Parse(assumed.Value, CultureInfo.InvariantCulture)
            : options.DefaultListSize;

    private static DirectiveNode? Directive(FieldDefinition definition, string name) =>
        definition.AstNode?.Directives.FirstOrDefault(d => d.Name.Value == name);
}

using System.Collections.Concurrent;
using GraphQL.Engine.Language;
using GraphQL.Engine.Types;

namespace GraphQL.Engine.Execution;

/// <summary>
/// A parsed and validated document, cached by its text. It also memoizes field collection per
/// (object type, selection set) when no @skip/@include makes the collection depend on variables.
/// </summary>
public sealed class PreparedDocument
{
    private readonly ConcurrentDictionary<(ObjectType, SelectionSetNode), IReadOnlyList<CollectedField>> _collected = new();

    private string? _hash;

    internal PreparedDocument(DocumentNode document, string source)
    {
        Document = document;
        Source = source;
        Fragments = document.Definitions.OfType<FragmentDefinitionNode>()
            .GroupBy(f => f.FragmentName.Value)
            .ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        Operations = document.Definitions.OfType<OperationDefinitionNode>().ToList();
        HasConditionalSelections = ContainsConditional(document);
    }

    public DocumentNode Document { get; }

    public string Source { get; }

    /// <summary><c>sha256:&lt;hex&gt;</c> of the document text: the persisted-document id and telemetry key.</summary>
    public string Hash => _hash ??= DocumentHash.Of(Source);

    public IReadOnlyDictionary<string, FragmentDefinitionNode> Fragments { get; }

    public IReadOnlyList<OperationDefinitionNode> Operations { get; }

    internal bool HasConditionalSelections { get; }

    internal bool TryGetCollected(ObjectType type, SelectionSetNode selectionSet, out IReadOnlyList<CollectedField> fields) =>
        _collected.TryGetValue((type, selectionSet), out fields!);

    internal void StoreCollected(ObjectType type, SelectionSetNode selectionSet, IReadOnlyList<CollectedField> fields) =>
        _collected.TryAdd((type, selectionSet), fields);

    public OperationDefinitionNode? GetOperation(string? operationName, out string? error)
    {
        error = null;
        if (string.IsNullOrEmpty(operationName))
        {
            if (Operations.Count == 1)
                return Operations[0];
            error = Operations.Count == 0 ? "Must provide an operation." : "Must provide operation name if query contains multiple operations.";
            return null;
        }

        var operation = Operations.FirstOrDefault(o => o.Name?.Value == operationName);
        if (operation is null)
            error = $"Unknown operation named \"{operationName}\".";
        return operation;
    }

    private static bool ContainsConditional(DocumentNode document) =>
        document.Definitions.OfType<ExecutableDefinitionNode>().Any(d => ContainsConditional(d.SelectionSet));

    private static bool ContainsConditional(SelectionSetNode selectionSet)
    {
        foreach (var selection in selectionSet.Selections)
        {
            if (selection.Directives.Any(d => d.Name.Value is "skip" or "include"))
                return true;
            var nested = selection switch
            {
                FieldNode field => field.SelectionSet,
                InlineFragmentNode inline => inline.SelectionSet,
                _ => null,
            };
            if (nested is not null && ContainsConditional(nested))
                return true;
        }

        return false;
    }
}

/// <summary>One response key of a selection set: the field nodes merged under it and, once known, its definition.</summary>
public sealed class CollectedField(ObjectType parentType, string responseKey, FieldNode node, FieldDefinition? definition)
{
    public ObjectType ParentType { get; } = parentType;

    public string ResponseKey { get; } = responseKey;

    public List<FieldNode> Nodes { get; } = [node];

    public FieldNode Node => Nodes[0];

    /// <summary>Null for <c>__typename</c>, which every type answers without a definition.</summary>
    public FieldDefinition? Definition { get; } = definition;

    /// <summary>Arguments coerced once when they use no variables (benign race: same value computed twice at worst).</summary>
    internal IReadOnlyDictionary<string, object?>? StaticArguments { get; set; }

    internal bool ArgumentsUseVariables { get; } = node.Arguments.Any(a => UsesVariables(a.Value));

    private static bool UsesVariables(ValueNode value) => value switch
    {
        VariableNode => true,
        ListValueNode list => list.Values.Any(UsesVariables),
        ObjectValueNode obj => obj.Fields.Any(f => UsesVariables(f.Value)),
        _ => false,
    };
}

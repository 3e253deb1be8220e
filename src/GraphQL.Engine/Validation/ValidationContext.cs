using GraphQL.Engine.Execution;
using GraphQL.Engine.Language;
using GraphQL.Engine.Types;

namespace GraphQL.Engine.Validation;

/// <summary>
/// What a rule can see: the schema, the document, the errors so far, and the type information of the node
/// being visited (as graphql-js's TypeInfo tracks it).
/// </summary>
public sealed class ValidationContext
{
    private readonly List<GraphQLError> _errors = [];
    private readonly Dictionary<string, FragmentDefinitionNode> _fragments = new(StringComparer.Ordinal);
    private readonly Dictionary<SyntaxNode, IReadOnlyList<VariableUsage>> _usages = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<OperationDefinitionNode, IReadOnlyList<FragmentDefinitionNode>> _recursiveFragments = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<OperationDefinitionNode, Rules.Limits.OperationShape> _shapes = new(ReferenceEqualityComparer.Instance);

    internal ValidationContext(Schema schema, DocumentNode document, ExecutionOptions options)
    {
        Schema = schema;
        Document = document;
        Options = options;
        foreach (var fragment in document.Definitions.OfType<FragmentDefinitionNode>())
            _fragments.TryAdd(fragment.FragmentName.Value, fragment);
    }

    public Schema Schema { get; }

    public DocumentNode Document { get; }

    public ExecutionOptions Options { get; }

    public IReadOnlyList<GraphQLError> Errors => _errors;

    // ---- type information of the node being visited ----

    /// <summary>The composite type whose selection set is being visited.</summary>
    public NamedType? ParentType { get; internal set; }

    /// <summary>The output type of the current field (or the root / fragment type).</summary>
    public GraphQLType? Type { get; internal set; }

    public FieldDefinition? FieldDefinition { get; internal set; }

    public DirectiveDefinition? Directive { get; internal set; }

    public string? DirectiveLocation { get; internal set; }

    public InputValueDefinition? Argument { get; internal set; }

    /// <summary>The type the current value must have; null when unknown (an unknown argument, say).</summary>
    public GraphQLType? InputType { get; internal set; }

    /// <summary>The type of the list or input object that holds the current value.</summary>
    public GraphQLType? ParentInputType { get; internal set; }

    /// <summary>Whether the argument or input field holding the current value has a default (variables may then be nullable).</summary>
    public bool InputHasDefault { get; internal set; }

    public void ReportError(string message, params SyntaxNode[] nodes) => _errors.Add(GraphQLError.At(message, nodes));

    public FragmentDefinitionNode? GetFragment(string name) => _fragments.GetValueOrDefault(name);

    /// <summary>Fragment spreads directly inside a selection set (not inside the fragments they name).</summary>
    public static List<FragmentSpreadNode> GetFragmentSpreads(SelectionSetNode selectionSet)
    {
        var spreads = new List<FragmentSpreadNode>();
        var stack = new Stack<SelectionSetNode>();
        stack.Push(selectionSet);
        while (stack.Count > 0)
        {
            foreach (var selection in stack.Pop().Selections)
            {
                switch (selection)
                {
                    case FragmentSpreadNode spread: spreads.Add(spread); break;
                    case FieldNode { SelectionSet: { } nested }: stack.Push(nested); break;
                    case InlineFragmentNode inline: stack.Push(inline.SelectionSet); break;
                }
            }
        }

        return spreads;
    }

    /// <summary>Every fragment an operation reaches through spreads, transitively.</summary>
    public IReadOnlyList<FragmentDefinitionNode> GetRecursivelyReferencedFragments(OperationDefinitionNode operation)
    {
        if (_recursiveFragments.TryGetValue(operation, out var cached))
            return cached;
        var fragments = new List<FragmentDefinitionNode>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var toVisit = new Stack<SelectionSetNode>();
        toVisit.Push(operation.SelectionSet);
        while (toVisit.Count > 0)
        {
            foreach (var spread in GetFragmentSpreads(toVisit.Pop()))
            {
                if (seen.Add(spread.Name.Value) && GetFragment(spread.Name.Value) is { } fragment)
                {
                    fragments.Add(fragment);
                    toVisit.Push(fragment.SelectionSet);
                }
            }
        }

        _recursiveFragments[operation] = fragments;
        return fragments;
    }

    /// <summary>Depth, list depth and aliases of an operation with fragments expanded, measured once for all limit rules.</summary>
    internal Rules.Limits.OperationShape GetShape(OperationDefinitionNode operation)
    {
        if (!_shapes.TryGetValue(operation, out var shape))
            _shapes[operation] = shape = Rules.Limits.OperationShape.Measure(this, operation);
        return shape;
    }

    /// <summary>Variables used directly in an operation or fragment, with the type expected where each is used.</summary>
    public IReadOnlyList<VariableUsage> GetVariableUsages(ExecutableDefinitionNode definition)
    {
        if (_usages.TryGetValue(definition, out var cached))
            return cached;
        var collector = new VariableUsageCollector();
        var context = new ValidationContext(Schema, Document, Options);
        new DocumentWalker(context, [collector]).WalkDefinition(definition);
        _usages[definition] = collector.Usages;
        return collector.Usages;
    }

    /// <summary>Variables used by an operation and every fragment it reaches.</summary>
    public IReadOnlyList<VariableUsage> GetRecursiveVariableUsages(OperationDefinitionNode operation)
    {
        var usages = new List<VariableUsage>(GetVariableUsages(operation));
        foreach (var fragment in GetRecursivelyReferencedFragments(operation))
            usages.AddRange(GetVariableUsages(fragment));
        return usages;
    }

    private sealed class VariableUsageCollector : ValidationRule
    {
        public List<VariableUsage> Usages { get; } = [];

        public override void EnterValue(ValidationContext context, ValueNode node)
        {
            if (node is VariableNode variable)
                Usages.Add(new VariableUsage(variable, context.InputType, context.InputHasDefault, context.ParentInputType));
        }
    }
}

/// <summary>A variable's use: where, what type that position expects, whether the position has a default, and the list or input object holding it.</summary>
public sealed record VariableUsage(VariableNode Node, GraphQLType? Type, bool HasDefault, GraphQLType? ParentType);

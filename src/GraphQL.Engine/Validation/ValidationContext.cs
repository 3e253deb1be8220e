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
    private readonly List<GraphQLError> _errors;
    private readonly Dictionary<string, FragmentDefinitionNode> _fragments;
    private readonly Dictionary<SyntaxNode, IReadOnlyList<VariableUsage>> _usages = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<OperationDefinitionNode, IReadOnlyList<FragmentDefinitionNode>> _recursiveFragments = new(ReferenceEqualityComparer.Instance);

    // Each fragment's spreads, found once for all the operations that reach it.
    private readonly Dictionary<SelectionSetNode, List<FragmentSpreadNode>> _spreads = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<OperationDefinitionNode, IReadOnlyList<VariableUsage>> _recursiveUsages = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<OperationDefinitionNode, Rules.Limits.OperationShape> _shapes = new(ReferenceEqualityComparer.Instance);
    private Rules.Limits.OperationShape.Measurer? _shapeMeasurer;
    private (DocumentWalker, VariableUsageCollector)? _usageWalker;
    private readonly ValidationWork _work;

    internal ValidationContext(Schema schema, DocumentNode document, ExecutionOptions options, ValidationWork? work = null)
    {
        Schema = schema;
        Document = document;
        Options = options;
        _work = work ?? new ValidationWork(options.MaxValidationWork);
        _errors = [];
        _fragments = new Dictionary<string, FragmentDefinitionNode>(StringComparer.Ordinal);
        foreach (var fragment in document.Definitions.OfType<FragmentDefinitionNode>())
            _fragments.TryAdd(fragment.FragmentName.Value, fragment);
    }

    // A context for a nested walk (variable usages of one definition): same document, fragments, budget and
    // errors (the budget may run out inside it), its own type information.
    private ValidationContext(ValidationContext parent)
    {
        Schema = parent.Schema;
        Document = parent.Document;
        Options = parent.Options;
        _work = parent._work;
        _errors = parent._errors;
        _fragments = parent._fragments;
    }

    public Schema Schema { get; }

    public DocumentNode Document { get; }

    public ExecutionOptions Options { get; }

    public IReadOnlyList<GraphQLError> Errors => _errors;

    /// <summary>Units of work spent so far (nodes visited, fields and fragments compared), shared with nested walks.</summary>
    public long Work => _work.Spent;

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

    /// <summary>Adds an error; past <see cref="MaxErrors"/> validation stops, as graphql-js's <c>maxErrors</c> does.</summary>
    public void ReportError(string message, params SyntaxNode[] nodes)
    {
        if (_errors.Count >= MaxErrors)
        {
            _errors.Add(new GraphQLError("Too many validation errors, error limit reached. Validation aborted."));
            throw new ValidationAbortedException();
        }

        _errors.Add(GraphQLError.At(message, nodes));
    }

    /// <summary>graphql-js's default <c>maxErrors</c>: an invalid document cannot make validation build millions of errors.</summary>
    public const int MaxErrors = 100;

    /// <summary>
    /// Counts <paramref name="units"/> of work; past <see cref="ExecutionOptions.MaxValidationWork"/> validation
    /// stops with <c>DOCUMENT_TOO_COMPLEX</c>, whatever rule was running, so no document costs more than the budget.
    /// </summary>
    public void Spend(int units = 1)
    {
        if (_work.Spend(units))
            return;
        _errors.Add(new GraphQLError(
            $"Validating the document took more than {_work.Limit} units of work (fields and fragments compared, nodes visited): it is too large or spreads its fragments too often. Send a smaller document, or spread each fragment fewer times.")
            .WithCode("DOCUMENT_TOO_COMPLEX"));
        throw new ValidationAbortedException();
    }

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
            var selectionSet = toVisit.Pop();
            if (!_spreads.TryGetValue(selectionSet, out var spreads))
                _spreads[selectionSet] = spreads = GetFragmentSpreads(selectionSet);
            foreach (var spread in spreads)
            {
                Spend();
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
            _shapes[operation] = shape = (_shapeMeasurer ??= new Rules.Limits.OperationShape.Measurer(this)).Measure(operation);
        return shape;
    }

    /// <summary>Variables used directly in an operation or fragment, with the type expected where each is used.</summary>
    public IReadOnlyList<VariableUsage> GetVariableUsages(ExecutableDefinitionNode definition)
    {
        if (_usages.TryGetValue(definition, out var cached))
            return cached;
        // One walker for every definition: building a walker per fragment cost more than walking the fragment.
        var (walker, collector) = _usageWalker ??= NewUsageWalker();
        collector.Usages = [];
        walker.WalkDefinition(definition);
        _usages[definition] = collector.Usages;
        return collector.Usages;
    }

    /// <summary>Variables used by an operation and every fragment it reaches.</summary>
    public IReadOnlyList<VariableUsage> GetRecursiveVariableUsages(OperationDefinitionNode operation)
    {
        if (_recursiveUsages.TryGetValue(operation, out var cached))
            return cached;
        var usages = new List<VariableUsage>(GetVariableUsages(operation));
        foreach (var fragment in GetRecursivelyReferencedFragments(operation))
        {
            var fragmentUsages = GetVariableUsages(fragment);
            Spend(1 + fragmentUsages.Count);
            usages.AddRange(fragmentUsages);
        }

        _recursiveUsages[operation] = usages;
        return usages;
    }

    private (DocumentWalker, VariableUsageCollector) NewUsageWalker()
    {
        var collector = new VariableUsageCollector();
        return (new DocumentWalker(new ValidationContext(this), [collector]), collector);
    }

    private sealed class VariableUsageCollector : ValidationRule
    {
        public List<VariableUsage> Usages { get; set; } = [];

        public override void EnterValue(ValidationContext context, ValueNode node)
        {
            if (node is VariableNode variable)
                Usages.Add(new VariableUsage(variable, context.InputType, context.InputHasDefault, context.ParentInputType));
        }
    }
}

/// <summary>A variable's use: where, what type that position expects, whether the position has a default, and the list or input object holding it.</summary>
public sealed record VariableUsage(VariableNode Node, GraphQLType? Type, bool HasDefault, GraphQLType? ParentType);

/// <summary>The work budget of one validation, shared by the context and the nested walks it starts.</summary>
internal sealed class ValidationWork(long limit)
{
    public long Limit { get; } = limit;

    public long Spent { get; private set; }

    /// <summary>False once the budget is exhausted; <see cref="Spent"/> then stays at one past the limit.</summary>
    public bool Spend(int units)
    {
        if (units > Limit - Spent)
        {
            Spent = Limit + 1;
            return false;
        }

        Spent += units;
        return true;
    }
}

/// <summary>Thrown to stop the walk when the error cap or the work budget is reached; the validator catches it.</summary>
internal sealed class ValidationAbortedException : Exception;

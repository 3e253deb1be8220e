using GraphQL.Engine.Execution;
using GraphQL.Engine.Language;
using GraphQL.Engine.Types;
using GraphQL.Engine.Validation.Rules;

namespace GraphQL.Engine.Validation;

/// <summary>Runs the rules of section 5 of the specification (plus the configured limits) over a document.</summary>
public static class DocumentValidator
{
    /// <summary>The rules of the specification, in graphql-js's order.</summary>
    public static IReadOnlyList<Func<ValidationRule>> SpecifiedRules { get; } =
    [
        () => new ExecutableDefinitions(),
        () => new UniqueOperationNames(),
        () => new LoneAnonymousOperation(),
        () => new SingleFieldSubscriptions(),
        () => new KnownTypeNames(),
        () => new FragmentsOnCompositeTypes(),
        () => new VariablesAreInputTypes(),
        () => new ScalarLeafs(),
        () => new FieldsOnCorrectType(),
        () => new UniqueFragmentNames(),
        () => new KnownFragmentNames(),
        () => new NoUnusedFragments(),
        () => new PossibleFragmentSpreads(),
        () => new NoFragmentCycles(),
        () => new UniqueVariableNames(),
        () => new NoUndefinedVariables(),
        () => new NoUnusedVariables(),
        () => new KnownDirectives(),
        () => new UniqueDirectivesPerLocation(),
        () => new KnownArgumentNames(),
        () => new UniqueArgumentNames(),
        () => new ValuesOfCorrectType(),
        () => new ProvidedRequiredArguments(),
        () => new VariablesInAllowedPosition(),
        () => new OverlappingFieldsCanBeMerged(),
        () => new UniqueInputFieldNames(),
        () => new KnownOperationTypes(),
        () => new MaxIntrospectionDepth(),
    ];

    /// <summary>
    /// Runs <paramref name="rules"/> (default: the specified rules). With the default rules, the limits of
    /// <paramref name="options"/> that the document's shape decides (depth, aliases, fragment depth) are checked first,
    /// in one linear pass, so a document over them is refused before the rules that compare fields pairwise.
    /// </summary>
    public static IReadOnlyList<GraphQLError> Validate(Schema schema, DocumentNode document, ExecutionOptions? options = null, IEnumerable<Func<ValidationRule>>? rules = null) =>
        Analyze(schema, document, options, rules).Errors;

    /// <summary>
    /// <see cref="Validate"/>, also telling the work it took (see <see cref="ExecutionOptions.MaxValidationWork"/>).
    /// Validation stops once the work budget or graphql-js's cap of 100 errors is reached.
    /// </summary>
    public static ValidationOutcome Analyze(Schema schema, DocumentNode document, ExecutionOptions? options = null, IEnumerable<Func<ValidationRule>>? rules = null)
    {
        options ??= ExecutionOptions.Default;
        var work = new ValidationWork(options.MaxValidationWork);
        if (rules is not null)
            return Run(schema, document, options, work, context => Walk(context, rules));
        var limits = Run(schema, document, options, work, CheckShapeLimits);
        if (limits.Errors.Count > 0)
            return limits;
        var outcome = Run(schema, document, options, work, context => Walk(context, SpecifiedRules));
        if (outcome.Errors.Count > 0 || options.EnableIntrospection)
            return outcome;
        return Run(schema, document, options, work, context => Walk(context, [() => new Rules.Limits.IntrospectionDisabled()]));
    }

    // They look at whole operations only, through the shape measured once per operation: no walk over every node.
    private static readonly Func<ValidationRule>[] ShapeLimits =
    [
        () => new Rules.Limits.MaxDepth(),
        () => new Rules.Limits.MaxAliases(),
    ];

    private static ValidationOutcome Run(Schema schema, DocumentNode document, ExecutionOptions options, ValidationWork work, Action<ValidationContext> check)
    {
        var context = new ValidationContext(schema, document, options, work);
        try
        {
            check(context);
        }
        catch (ValidationAbortedException)
        {
            // The error cap or the work budget was reached; the context holds the error saying which.
        }

        return new ValidationOutcome(context.Errors, work.Spent);
    }

    private static void Walk(ValidationContext context, IEnumerable<Func<ValidationRule>> rules) =>
        new DocumentWalker(context, [.. rules.Select(r => r())]).WalkDocument(context.Document);

    private static void CheckShapeLimits(ValidationContext context)
    {
        var limits = ShapeLimits.Select(l => l()).ToList();
        foreach (var operation in context.Document.Definitions.OfType<OperationDefinitionNode>())
        {
            foreach (var limit in limits)
                limit.EnterOperation(context, operation);
        }
    }
}

/// <summary>What validating a document found, and the units of work it took.</summary>
public sealed record ValidationOutcome(IReadOnlyList<GraphQLError> Errors, long Work);

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
    /// Runs <paramref name="rules"/> (default: the specified rules). With the default rules, a document that passes
    /// them is then checked against the limits of <paramref name="options"/>, which assume a valid document.
    /// </summary>
    public static IReadOnlyList<GraphQLError> Validate(Schema schema, DocumentNode document, ExecutionOptions? options = null, IEnumerable<Func<ValidationRule>>? rules = null)
    {
        options ??= ExecutionOptions.Default;
        var errors = Run(schema, document, options, rules ?? SpecifiedRules);
        if (errors.Count > 0 || rules is not null)
            return errors;
        if (!options.EnableIntrospection)
            return Run(schema, document, options, LimitRules(options));

        // The size limits look at whole operations only: no need for a second walk over every node.
        var context = new ValidationContext(schema, document, options);
        ValidationRule[] limits = [new Rules.Limits.MaxDepth(), new Rules.Limits.MaxAliases()];
        foreach (var operation in document.Definitions.OfType<OperationDefinitionNode>())
        {
            foreach (var limit in limits)
                limit.EnterOperation(context, operation);
        }

        return context.Errors;
    }

    /// <summary>The limits and switches of <see cref="ExecutionOptions"/> that can be judged from the document alone.</summary>
    public static IEnumerable<Func<ValidationRule>> LimitRules(ExecutionOptions options)
    {
        if (!options.EnableIntrospection)
            yield return () => new Rules.Limits.IntrospectionDisabled();
        yield return () => new Rules.Limits.MaxDepth();
        yield return () => new Rules.Limits.MaxAliases();
    }

    private static IReadOnlyList<GraphQLError> Run(Schema schema, DocumentNode document, ExecutionOptions options, IEnumerable<Func<ValidationRule>> rules)
    {
        var context = new ValidationContext(schema, document, options);
        var instances = rules.Select(r => r()).ToList();
        new DocumentWalker(context, instances).WalkDocument(document);
        return context.Errors;
    }
}

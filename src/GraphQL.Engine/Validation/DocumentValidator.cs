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

    public static IReadOnlyList<GraphQLError> Validate(Schema schema, DocumentNode document, ExecutionOptions? options = null, IEnumerable<Func<ValidationRule>>? rules = null)
    {
        options ??= ExecutionOptions.Default;
        var context = new ValidationContext(schema, document, options);
        var instances = (rules ?? DefaultRules(options)).Select(r => r()).ToList();
        new DocumentWalker(context, instances).WalkDocument(document);
        return context.Errors;
    }

    /// <summary>The specified rules, then the limits and switches of <see cref="ExecutionOptions"/>.</summary>
    public static IEnumerable<Func<ValidationRule>> DefaultRules(ExecutionOptions options)
    {
        foreach (var rule in SpecifiedRules)
            yield return rule;
        if (!options.EnableIntrospection)
            yield return () => new Rules.Limits.IntrospectionDisabled();
    }
}

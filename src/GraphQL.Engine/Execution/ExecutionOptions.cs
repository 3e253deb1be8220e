using GraphQL.Engine.Language;

namespace GraphQL.Engine.Execution;

/// <summary>Knobs of one executor. Every limit has a safe default and can be tightened or relaxed per environment.</summary>
public sealed record ExecutionOptions
{
    public static ExecutionOptions Default { get; } = new();

    /// <summary>Token count and nesting depth the parser accepts.</summary>
    public ParserOptions Parser { get; init; } = ParserOptions.Default;

    /// <summary>How many validated documents are kept, keyed by their text.</summary>
    public int DocumentCacheSize { get; init; } = 1_000;

    /// <summary>When false, <c>__schema</c> and <c>__type</c> are refused (as in production APIs that hide their schema).</summary>
    public bool EnableIntrospection { get; init; } = true;

    /// <summary>When false, "Did you mean ...?" hints are left out of validation errors.</summary>
    public bool EnableFieldSuggestions { get; init; } = true;

    /// <summary>Deepest field nesting an operation may select (fragments expanded).</summary>
    public int MaxFieldDepth { get; init; } = 15;

    /// <summary>Deepest list-in-list nesting an operation may select.</summary>
    public int MaxListDepth { get; init; } = 4;

    /// <summary>
    /// Deepest chain of fragments spreading fragments an operation may use. Real documents nest fragments as deep
    /// as their components (a few tens at most); a chain of thousands only makes validation slow.
    /// </summary>
    public int MaxFragmentDepth { get; init; } = 50;

    /// <summary>
    /// Most units of work validating one document may take: one per node visited and per pair of fields compared,
    /// two or three per comparison with a fragment (weighed by their CPU). Ordinary documents need hundreds (the
    /// introspection query about 360), large fragment-heavy ones up to about fifteen thousand; past the limit the
    /// document is refused with <c>DOCUMENT_TOO_COMPLEX</c> and reports one unit more than the limit as its work.
    /// </summary>
    public long MaxValidationWork { get; init; } = 25_000;

    /// <summary>Most aliases an operation may use.</summary>
    public int MaxAliases { get; init; } = 50;

    /// <summary>Highest computed cost an operation may have (see the Limits documentation).</summary>
    public int MaxCost { get; init; } = 10_000;

    /// <summary>The cost assumed for a list field without a size argument.</summary>
    public int DefaultListSize { get; init; } = 10;

    /// <summary>Longest an operation may run before it is cancelled and answered with an error.</summary>
    public TimeSpan ExecutionTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Most operations one executor runs at once; further requests wait up to <see cref="ConcurrencyWait"/>, then are refused.</summary>
    public int MaxConcurrentExecutions { get; init; } = 256;

    /// <summary>How long a request may wait for a free execution slot.</summary>
    public TimeSpan ConcurrencyWait { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>The value given to root resolvers as <c>Parent</c>.</summary>
    public object? RootValue { get; init; }
}

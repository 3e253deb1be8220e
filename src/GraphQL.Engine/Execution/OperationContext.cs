using GraphQL.Engine.Language;
using GraphQL.Engine.Types;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace GraphQL.Engine.Execution;

/// <summary>Everything one execution of one operation shares: variables, services, the growing error list.</summary>
internal sealed class OperationContext(
    Schema schema,
    PreparedDocument document,
    OperationDefinitionNode operation,
    IReadOnlyDictionary<string, object?> variables,
    IServiceProvider services,
    CancellationToken cancellationToken,
    CancellationToken requestAborted = default,
    TimeSpan? timeout = null)
{
    private readonly List<GraphQLError> _errors = [];
    private Dictionary<string, object?>? _items;
    private ILogger? _logger;

    public Schema Schema { get; } = schema;

    public PreparedDocument Document { get; } = document;

    public OperationDefinitionNode Operation { get; } = operation;

    public IReadOnlyDictionary<string, object?> Variables { get; } = variables;

    public IServiceProvider Services { get; } = services;

    /// <summary>Cancelled when the caller gives up or the execution timeout passes.</summary>
    public CancellationToken CancellationToken { get; } = cancellationToken;

    /// <summary>Cancelled only when the caller gives up; tells a timeout apart from a disconnect.</summary>
    public CancellationToken RequestAborted { get; } = requestAborted;

    public TimeSpan? Timeout { get; } = timeout;

    public FieldCollector Collector { get; } = new(schema, document, variables);

    public Batching.DataLoaderScheduler Loaders { get; } = new();

    public IDictionary<string, object?> RequestItems => _items ??= new Dictionary<string, object?>(StringComparer.Ordinal);

    public ILogger Logger => _logger ??= Services.GetService<ILoggerFactory>()?.CreateLogger("GraphQL.Engine.Execution") ?? NullLogger.Instance;

    public IReadOnlyList<GraphQLError>? Errors
    {
        get
        {
            lock (_errors)
                return _errors.Count == 0 ? null : [.. _errors];
        }
    }

    public void AddError(GraphQLError error)
    {
        lock (_errors)
            _errors.Add(error);
    }
}

using GraphQL.Engine.Language;
using GraphQL.Engine.Types;
using GraphQL.Engine.Validation;

namespace GraphQL.Engine.Execution;

/// <summary>
/// Runs requests against a schema: parse and validate (cached by document text), pick the operation,
/// coerce variables, execute. Thread-safe; make one per schema and share it.
/// </summary>
public sealed class DocumentExecutor(Schema schema, ExecutionOptions? options = null)
{
    private readonly DocumentCache _cache = new((options ?? ExecutionOptions.Default).DocumentCacheSize);

    public Schema Schema { get; } = schema;

    public ExecutionOptions Options { get; } = options ?? ExecutionOptions.Default;

    public async Task<ExecutionResult> ExecuteAsync(GraphQLRequest request, IServiceProvider? services = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (string.IsNullOrWhiteSpace(request.Query))
            return ExecutionResult.RequestError(new GraphQLError("Must provide a query string (the \"query\" parameter).").WithCode("BAD_REQUEST"));
        var (document, errors) = Prepare(request.Query);
        if (document is null)
            return ExecutionResult.RequestError(errors!);
        var operation = document.GetOperation(request.OperationName, out var operationError);
        if (operation is null)
            return ExecutionResult.RequestError(new GraphQLError(operationError!).WithCode("BAD_REQUEST"));
        if (operation.Operation == OperationType.Subscription)
        {
            return ExecutionResult.RequestError(GraphQLError.At(
                "Subscriptions are delivered as a stream: use a WebSocket (graphql-transport-ws) or Server-Sent Events (Accept: text/event-stream).", operation)
                .WithCode("BAD_REQUEST"));
        }

        return await ExecuteOperationAsync(document, operation, request.Variables, services, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Parses and validates a document, or returns the cached outcome for the same text.</summary>
    public (PreparedDocument? Document, IReadOnlyList<GraphQLError>? Errors) Prepare(string query)
    {
        if (_cache.TryGet(query, out var cached))
            return (cached.Document, cached.Errors);
        CachedDocument entry;
        try
        {
            var document = Parser.Parse(query, Options.Parser);
            var errors = DocumentValidator.Validate(Schema, document, Options);
            entry = errors.Count == 0
                ? new CachedDocument(new PreparedDocument(document, query), null)
                : new CachedDocument(null, [.. errors.Select(e => e.WithCode("GRAPHQL_VALIDATION_FAILED"))]);
        }
        catch (GraphQLSyntaxException e)
        {
            entry = new CachedDocument(null, [new GraphQLError(e.Message) { Locations = [e.Location] }.WithCode("GRAPHQL_PARSE_FAILED")]);
        }

        _cache.Add(query, entry);
        return (entry.Document, entry.Errors);
    }

    internal async Task<ExecutionResult> ExecuteOperationAsync(
        PreparedDocument document,
        OperationDefinitionNode operation,
        IReadOnlyDictionary<string, object?>? variableInputs,
        IServiceProvider? services,
        CancellationToken cancellationToken)
    {
        var variableErrors = new List<GraphQLError>();
        var variables = VariableCoercion.Coerce(Schema, operation, variableInputs, variableErrors);
        if (variableErrors.Count > 0)
            return ExecutionResult.RequestError([.. variableErrors.Select(e => e.WithCode("BAD_USER_INPUT"))]);
        var root = Schema.GetRootType(operation.Operation)!;
        var context = new OperationContext(Schema, document, operation, variables, services ?? EmptyServices.Instance, cancellationToken);
        var executor = new OperationExecutor(context);
        var pending = executor.ExecuteRootAsync(root, Options.RootValue);
        var data = pending.IsCompletedSuccessfully ? pending.Result : await pending.ConfigureAwait(false);
        return new ExecutionResult { Data = data, HasData = true, Errors = context.Errors };
    }

    private sealed class EmptyServices : IServiceProvider
    {
        public static EmptyServices Instance { get; } = new();

        public object? GetService(Type serviceType) => null;
    }
}

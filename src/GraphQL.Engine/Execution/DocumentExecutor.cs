using System.Diagnostics;
using GraphQL.Engine.Language;
using GraphQL.Engine.Telemetry;
using GraphQL.Engine.Types;
using GraphQL.Engine.Utilities;
using GraphQL.Engine.Validation;

namespace GraphQL.Engine.Execution;

/// <summary>
/// Runs requests against a schema: parse and validate (cached by document text), pick the operation,
/// coerce variables, execute. Thread-safe; make one per schema and share it.
/// </summary>
public sealed class DocumentExecutor(Schema schema, ExecutionOptions? options = null)
{
    // Parsed-and-validated documents by text; invalid ones are cached too, so replays cost nothing.
    private readonly BoundedCache<string, CachedDocument> _cache = new((options ?? ExecutionOptions.Default).DocumentCacheSize);
    private readonly SemaphoreSlim _slots = new((options ?? ExecutionOptions.Default).MaxConcurrentExecutions);

    public Schema Schema { get; } = schema;

    public ExecutionOptions Options { get; } = options ?? ExecutionOptions.Default;

    public async Task<ExecutionResult> ExecuteAsync(GraphQLRequest request, IServiceProvider? services = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (string.IsNullOrWhiteSpace(request.Query))
            return ExecutionResult.RequestError(new GraphQLError("Must provide a query string (the \"query\" parameter).").WithCode("BAD_REQUEST"));
        var (entry, validationWork) = PrepareEntry(request.Query);
        var refusedWork = new RequestWork(validationWork, 0);
        if (entry.Document is not { } document)
            return ExecutionResult.RequestError(entry.Errors!) with { Work = refusedWork };
        var operation = document.GetOperation(request.OperationName, out var operationError);
        if (operation is null)
            return ExecutionResult.RequestError(new GraphQLError(operationError!).WithCode("BAD_REQUEST")) with { Work = refusedWork };
        if (operation.Operation == OperationType.Subscription)
        {
            return ExecutionResult.RequestError(GraphQLError.At(
                "Subscriptions are delivered as a stream: use a WebSocket (graphql-transport-ws) or Server-Sent Events (Accept: text/event-stream).", operation)
                .WithCode("BAD_REQUEST")) with { Work = refusedWork };
        }

        return await ExecuteOperationAsync(document, operation, request.Variables, services, cancellationToken, validationWork).ConfigureAwait(false);
    }

    /// <summary>
    /// Starts an operation whose results stream: a subscription yields one result per event of its root field's
    /// source stream; a query or mutation yields its single result. Request errors come back without a stream.
    /// </summary>
    public async Task<SubscriptionResult> SubscribeAsync(GraphQLRequest request, IServiceProvider? services = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (string.IsNullOrWhiteSpace(request.Query))
            return new SubscriptionResult(ExecutionResult.RequestError(new GraphQLError("Must provide a query string (the \"query\" parameter).").WithCode("BAD_REQUEST")), null);
        var (document, errors) = Prepare(request.Query);
        if (document is null)
            return new SubscriptionResult(ExecutionResult.RequestError(errors!), null);
        var operation = document.GetOperation(request.OperationName, out var operationError);
        if (operation is null)
            return new SubscriptionResult(ExecutionResult.RequestError(new GraphQLError(operationError!).WithCode("BAD_REQUEST")), null);
        if (operation.Operation != OperationType.Subscription)
        {
            var single = await ExecuteOperationAsync(document, operation, request.Variables, services, cancellationToken).ConfigureAwait(false);
            return new SubscriptionResult(null, Once(single));
        }

        var variableErrors = new List<GraphQLError>();
        var variables = VariableCoercion.Coerce(Schema, operation, request.Variables, variableErrors);
        if (variableErrors.Count > 0)
            return new SubscriptionResult(ExecutionResult.RequestError([.. variableErrors.Select(e => e.WithCode("BAD_USER_INPUT"))]), null);
        var source = new SubscriptionSource(Schema, document, operation, variables, services ?? EmptyServices.Instance, Options);
        var started = source.Start(cancellationToken);
        return started.Error is not null
            ? new SubscriptionResult(started.Error, null)
            : new SubscriptionResult(null, started.Stream);
    }

    private static async IAsyncEnumerable<ExecutionResult> Once(ExecutionResult result)
    {
        await Task.CompletedTask.ConfigureAwait(false);
        yield return result;
    }

    /// <summary>Parses and validates a document, or returns the cached outcome for the same text.</summary>
    public (PreparedDocument? Document, IReadOnlyList<GraphQLError>? Errors) Prepare(string query)
    {
        var (entry, _) = PrepareEntry(query);
        return (entry.Document, entry.Errors);
    }

    /// <summary>The cached or new outcome for a text, and the validation work spent now (0 when it was cached).</summary>
    private (CachedDocument Entry, long Work) PrepareEntry(string query)
    {
        if (_cache.TryGet(query, out var cached))
            return (cached, 0);
        CachedDocument entry;
        long work = 0;
        try
        {
            var document = Parser.Parse(query, Options.Parser);
            var (errors, spent) = DocumentValidator.Analyze(Schema, document, Options);
            work = spent;
            entry = errors.Count == 0
                ? new CachedDocument(new PreparedDocument(document, query), null)
                : new CachedDocument(null, [.. errors.Select(e => e.Extensions?.ContainsKey("code") == true ? e : e.WithCode("GRAPHQL_VALIDATION_FAILED"))]);
        }
        catch (GraphQLSyntaxException e)
        {
            entry = new CachedDocument(null, [new GraphQLError(e.Message) { Locations = [e.Location] }.WithCode("GRAPHQL_PARSE_FAILED")]);
        }

        _cache.Add(query, entry, query.Length);
        return (entry, work);
    }

    internal async Task<ExecutionResult> ExecuteOperationAsync(
        PreparedDocument document,
        OperationDefinitionNode operation,
        IReadOnlyDictionary<string, object?>? variableInputs,
        IServiceProvider? services,
        CancellationToken cancellationToken,
        long validationWork = 0)
    {
        var variableErrors = new List<GraphQLError>();
        var variables = VariableCoercion.Coerce(Schema, operation, variableInputs, variableErrors);
        if (variableErrors.Count > 0)
            return ExecutionResult.RequestError([.. variableErrors.Select(e => e.WithCode("BAD_USER_INPUT"))]) with { Work = new RequestWork(validationWork, 0) };
        var cost = new CostAnalysis(Schema, document, variables, Options).Measure(operation);
        var work = new RequestWork(validationWork, cost);
        if (cost > Options.MaxCost)
        {
            return ExecutionResult.RequestError(GraphQLError.At(
                $"The operation's estimated cost is {cost:0.##}, above the limit of {Options.MaxCost}. Ask for fewer items (first/last) or fewer fields.", operation)
                .WithCode("COST_LIMIT_EXCEEDED")) with { Work = work };
        }

        if (!_slots.Wait(0) && !await _slots.WaitAsync(Options.ConcurrencyWait, cancellationToken).ConfigureAwait(false))
        {
            return ExecutionResult.RequestError(new GraphQLError(
                $"The server is running its maximum of {Options.MaxConcurrentExecutions} operations; retry shortly.").WithCode("TOO_MANY_REQUESTS")) with { Work = work };
        }

        var operationType = operation.Operation.ToString().ToLowerInvariant();
        using var activity = GraphQLTelemetry.Source.HasListeners() ? StartOperationActivity(document, operation, operationType) : null;
        var started = GraphQLTelemetry.Duration.Enabled ? Stopwatch.GetTimestamp() : 0;
        try
        {
            var result = await RunAsync(document, operation, variables, services, cancellationToken).ConfigureAwait(false);
            Record(result, operationType, activity, started);
            return result with { Work = work };
        }
        finally
        {
            _slots.Release();
        }
    }

    private static Activity? StartOperationActivity(PreparedDocument document, OperationDefinitionNode operation, string operationType)
    {
        var activity = GraphQLTelemetry.Source.StartActivity(operation.Name is null ? operationType : $"{operationType} {operation.Name.Value}", ActivityKind.Internal);
        activity?.SetTag("graphql.operation.type", operationType);
        activity?.SetTag("graphql.operation.name", operation.Name?.Value);
        activity?.SetTag("graphql.document.hash", document.Hash);
        return activity;
    }

    private static void Record(ExecutionResult result, string operationType, Activity? activity, long started)
    {
        var type = new KeyValuePair<string, object?>("graphql.operation.type", operationType);
        GraphQLTelemetry.Operations.Add(1, type);
        if (result.Errors is { Count: > 0 } errors)
        {
            GraphQLTelemetry.Errors.Add(errors.Count, type);
            activity?.SetStatus(ActivityStatusCode.Error, errors[0].Message);
        }

        if (started != 0)
            GraphQLTelemetry.Duration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds, type);
    }

    private async Task<ExecutionResult> RunAsync(
        PreparedDocument document,
        OperationDefinitionNode operation,
        IReadOnlyDictionary<string, object?> variables,
        IServiceProvider? services,
        CancellationToken cancellationToken)
    {
        using var timeout = cancellationToken.CanBeCanceled
            ? CancellationTokenSource.CreateLinkedTokenSource(cancellationToken)
            : new CancellationTokenSource();
        var root = Schema.GetRootType(operation.Operation)!;
        var context = new OperationContext(Schema, document, operation, variables, services ?? EmptyServices.Instance, timeout.Token, cancellationToken, Options.ExecutionTimeout);
        var executor = new OperationExecutor(context);
        ValueTask<Dictionary<string, object?>?> pending;
        using (context.Loaders.Suppress())
            pending = executor.ExecuteRootAsync(root, Options.RootValue);
        context.Loaders.Dispatch();
        if (pending.IsCompletedSuccessfully)
            return new ExecutionResult { Data = pending.Result, HasData = true, Errors = context.Errors };

        // The deadline timer is armed only for executions that go asynchronous: in-memory ones finish before it matters.
        timeout.CancelAfter(Options.ExecutionTimeout);
        try
        {
            // Resolvers that ignore the token must not hold the response: stop waiting at the deadline.
            var data = await pending.AsTask().WaitAsync(Options.ExecutionTimeout, cancellationToken).ConfigureAwait(false);
            return new ExecutionResult { Data = data, HasData = true, Errors = context.Errors };
        }
        catch (TimeoutException)
        {
            await timeout.CancelAsync().ConfigureAwait(false);
            return new ExecutionResult
            {
                HasData = true,
                Errors = [GraphQLError.At($"The operation did not finish within {Options.ExecutionTimeout.TotalSeconds:0.###} s and was cancelled.", operation).WithCode("EXECUTION_TIMEOUT")],
            };
        }
    }

    internal sealed class EmptyServices : IServiceProvider
    {
        public static EmptyServices Instance { get; } = new();

        public object? GetService(Type serviceType) => null;
    }
}

/// <summary>A document and the outcome of validating it.</summary>
internal sealed record CachedDocument(PreparedDocument? Document, IReadOnlyList<GraphQLError>? Errors);

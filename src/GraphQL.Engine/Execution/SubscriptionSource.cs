using System.Runtime.CompilerServices;
using GraphQL.Engine.Language;
using GraphQL.Engine.Types;

namespace GraphQL.Engine.Execution;

/// <summary>
/// CreateSourceEventStream and MapSourceToResponseEvent of the specification: the root field's subscriber yields
/// events, and each event is executed as the root value of the operation's selection set.
/// A root field without its own resolver resolves to the event itself.
/// </summary>
internal sealed class SubscriptionSource(
    Schema schema,
    PreparedDocument document,
    OperationDefinitionNode operation,
    IReadOnlyDictionary<string, object?> variables,
    IServiceProvider services,
    ExecutionOptions options)
{
    public (ExecutionResult? Error, IAsyncEnumerable<ExecutionResult>? Stream) Start(CancellationToken cancellationToken)
    {
        var root = schema.SubscriptionType!;
        var context = new OperationContext(schema, document, operation, variables, services, cancellationToken);
        var field = context.Collector.Collect(root, operation.SelectionSet)[0];
        var path = ResponsePath.Root(field.ResponseKey);
        if (field.Definition?.Subscriber is not { } subscribe)
        {
            return (ExecutionResult.RequestError(GraphQLError.At(
                $"Subscription field \"{field.Node.Name.Value}\" has no event source: bind one with SchemaBuilder.AddSubscription.", field.Node).WithCode("BAD_REQUEST")), null);
        }

        try
        {
            var arguments = ArgumentCoercion.Coerce(field.Definition.Arguments, field.Node.Arguments, variables);
            var events = subscribe(new ResolverContext(context, root, options.RootValue, field, arguments, path));
            return (null, Map(events, cancellationToken));
        }
        catch (Exception e) when (e is GraphQLException or CoercionException)
        {
            var error = new GraphQLError(e.Message) { Locations = [field.Node.Location.ToSourceLocation()], Path = path.ToList(), Extensions = (e as GraphQLException)?.AllExtensions() };
            return (new ExecutionResult { Errors = [error] }, null);
        }
    }

    private async IAsyncEnumerable<ExecutionResult> Map(IAsyncEnumerable<object?> events, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var root = schema.SubscriptionType!;
        await foreach (var item in events.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            var context = new OperationContext(schema, document, operation, variables, services, cancellationToken);
            var executor = new OperationExecutor(context) { SubscriptionEvent = new SubscriptionEvent(item) };
            ValueTask<Dictionary<string, object?>?> pending;
            using (context.Loaders.Suppress())
                pending = executor.ExecuteRootAsync(root, item);
            context.Loaders.Dispatch();
            var data = pending.IsCompletedSuccessfully ? pending.Result : await pending.ConfigureAwait(false);
            yield return new ExecutionResult { Data = data, HasData = true, Errors = context.Errors };
        }
    }
}

/// <summary>The event being executed; boxed so that a null event is distinguishable from "no event".</summary>
internal sealed record SubscriptionEvent(object? Value);

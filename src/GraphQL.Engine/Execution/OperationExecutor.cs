using System.Collections;
using System.Diagnostics;
using GraphQL.Engine.Telemetry;
using GraphQL.Engine.Language;
using GraphQL.Engine.Types;
using Microsoft.Extensions.Logging;

namespace GraphQL.Engine.Execution;

/// <summary>
/// ExecuteSelectionSet / CompleteValue of the specification. Every step returns a <see cref="ValueTask{T}"/> and
/// continues synchronously when resolvers complete synchronously, so in-memory data costs no task allocations;
/// sibling fields of a query whose resolvers go async run concurrently.
/// </summary>
internal sealed class OperationExecutor(OperationContext context)
{
    /// <summary>Set while executing a subscription event: root fields without a resolver resolve to it.</summary>
    public SubscriptionEvent? SubscriptionEvent { get; init; }

    public async ValueTask<Dictionary<string, object?>?> ExecuteRootAsync(ObjectType rootType, object? rootValue)
    {
        var fields = context.Collector.Collect(rootType, context.Operation.SelectionSet);
        try
        {
            var serial = context.Operation.Operation == OperationType.Mutation;
            var pending = ExecuteFields(rootType, rootValue, fields, null, serial);
            return pending.IsCompletedSuccessfully ? pending.Result : await pending;
        }
        catch (NullPropagation)
        {
            return null;
        }
    }

    public ValueTask<Dictionary<string, object?>> ExecuteFields(ObjectType type, object? source, IReadOnlyList<CollectedField> fields, ResponsePath? path, bool serial = false)
    {
        var result = new Dictionary<string, object?>(fields.Count, StringComparer.Ordinal);
        for (var i = 0; i < fields.Count; i++)
        {
            var field = fields[i];
            var fieldPath = path is null ? ResponsePath.Root(field.ResponseKey) : path.Field(field.ResponseKey);
            var value = ExecuteField(type, source, field, fieldPath);
            if (value.IsCompletedSuccessfully)
            {
                result[field.ResponseKey] = value.Result;
                continue;
            }

            return serial
                ? ContinueSerially(type, source, fields, path, result, i, value)
                : ContinueConcurrently(type, source, fields, path, result, i, value);
        }

        return new ValueTask<Dictionary<string, object?>>(result);
    }

    private async ValueTask<Dictionary<string, object?>> ContinueSerially(
        ObjectType type, object? source, IReadOnlyList<CollectedField> fields, ResponsePath? path,
        Dictionary<string, object?> result, int index, ValueTask<object?> current)
    {
        result[fields[index].ResponseKey] = await current;
        for (var i = index + 1; i < fields.Count; i++)
        {
            var field = fields[i];
            var fieldPath = path is null ? ResponsePath.Root(field.ResponseKey) : path.Field(field.ResponseKey);
            result[field.ResponseKey] = await ExecuteField(type, source, field, fieldPath);
        }

        return result;
    }

    private async ValueTask<Dictionary<string, object?>> ContinueConcurrently(
        ObjectType type, object? source, IReadOnlyList<CollectedField> fields, ResponsePath? path,
        Dictionary<string, object?> result, int index, ValueTask<object?> current)
    {
        // Start every remaining field before awaiting any, so independent async resolvers overlap.
        var pending = new List<(string Key, ValueTask<object?> Value)> { (fields[index].ResponseKey, current) };
        result[fields[index].ResponseKey] = null;
        for (var i = index + 1; i < fields.Count; i++)
        {
            var field = fields[i];
            var fieldPath = path is null ? ResponsePath.Root(field.ResponseKey) : path.Field(field.ResponseKey);
            var value = ExecuteField(type, source, field, fieldPath);
            if (value.IsCompletedSuccessfully)
            {
                result[field.ResponseKey] = value.Result;
            }
            else
            {
                result[field.ResponseKey] = null;
                pending.Add((field.ResponseKey, value));
            }
        }

        NullPropagation? propagation = null;
        foreach (var (key, value) in pending)
        {
            try
            {
                result[key] = await value;
            }
            catch (NullPropagation e)
            {
                propagation = e;
            }
        }

        return propagation is null ? result : throw propagation;
    }

    private ValueTask<object?> ExecuteField(ObjectType type, object? source, CollectedField field, ResponsePath path)
    {
        var definition = field.Definition;
        if (definition is null)
            return new ValueTask<object?>(type.Name);
        try
        {
            var arguments = Arguments(field, definition);
            ValueTask<object?> resolved;
            if (definition.Resolver is { } resolver)
            {
                // Only fields with a resolver get a context: default member reads are most fields and need none.
                var resolverContext = new ResolverContext(context, type, source, field, arguments, path);
                if (definition.LeavesProcess && GraphQLTelemetry.Source.HasListeners())
                    return Traced(resolver, resolverContext, definition, field, path);
                resolved = resolver(resolverContext);
                if (!resolved.IsCompleted)
                    definition.LeavesProcess = true;
            }
            else
            {
                resolved = new ValueTask<object?>(SubscriptionEvent is { } e && path.Parent is null ? e.Value : MemberReader.Read(source, definition.Name));
            }

            if (!resolved.IsCompletedSuccessfully)
                return AwaitResolved(resolved, null, definition.Type, field, path);
            var completed = Complete(definition.Type, field, resolved.Result, path);
            return completed.IsCompletedSuccessfully ? completed : AwaitCompleted(completed, definition.Type, field, path);
        }
        catch (Exception e)
        {
            return new ValueTask<object?>(HandleError(e, definition.Type, field, path));
        }
    }

    /// <summary>Runs a resolver known to do I/O inside its own span, so the calls it makes nest under it.</summary>
    private ValueTask<object?> Traced(Func<IResolverContext, ValueTask<object?>> resolver, ResolverContext resolverContext, FieldDefinition definition, CollectedField field, ResponsePath path)
    {
        var parent = Activity.Current;
        var activity = GraphQLTelemetry.Source.StartActivity($"resolve {field.ParentType.Name}.{definition.Name}");
        activity?.SetTag("graphql.field.path", path.ToString());
        try
        {
            var resolved = resolver(resolverContext);
            return AwaitResolved(resolved, activity, definition.Type, field, path);
        }
        catch (Exception e)
        {
            activity?.SetStatus(ActivityStatusCode.Error, e.Message);
            activity?.Dispose();
            return new ValueTask<object?>(HandleError(e, definition.Type, field, path));
        }
        finally
        {
            // Siblings started after this one must not become its children.
            Activity.Current = parent;
        }
    }

    /// <summary>Waits for a resolver that went async, ends its span if it has one, then completes the value.</summary>
    private async ValueTask<object?> AwaitResolved(ValueTask<object?> resolved, Activity? activity, GraphQLType type, CollectedField field, ResponsePath path)
    {
        object? value;
        try
        {
            value = await resolved;
        }
        catch (Exception e)
        {
            activity?.SetStatus(ActivityStatusCode.Error, e.Message);
            activity?.Dispose();
            return HandleError(e, type, field, path);
        }

        activity?.Dispose();
        try
        {
            return await Complete(type, field, value, path);
        }
        catch (Exception e)
        {
            return HandleError(e, type, field, path);
        }
    }

    private IReadOnlyDictionary<string, object?> Arguments(CollectedField field, FieldDefinition definition)
    {
        if (field.ArgumentsUseVariables)
            return ArgumentCoercion.Coerce(definition.Arguments, field.Node.Arguments, context.Variables);
        return field.StaticArguments ??= ArgumentCoercion.Coerce(definition.Arguments, field.Node.Arguments, context.Variables);
    }

    private async ValueTask<object?> AwaitCompleted(ValueTask<object?> completed, GraphQLType type, CollectedField field, ResponsePath path)
    {
        try
        {
            return await completed;
        }
        catch (Exception e)
        {
            return HandleError(e, type, field, path);
        }
    }

    /// <summary>Records the error at this path; returns null, or propagates when the position is non-null.</summary>
    private object? HandleError(Exception exception, GraphQLType type, CollectedField field, ResponsePath path)
    {
        if (exception is not NullPropagation)
            context.AddError(ToError(exception, field, path));
        if (type is NonNullType)
            throw NullPropagation.Instance;
        return null;
    }

    private GraphQLError ToError(Exception exception, CollectedField field, ResponsePath path)
    {
        var locations = field.Nodes.Select(n => n.Location.ToSourceLocation()).ToList();
        switch (exception)
        {
            case GraphQLException graphQL:
                return new GraphQLError(graphQL.Message) { Locations = locations, Path = path.ToList(), Extensions = graphQL.AllExtensions() };
            case FieldError or CoercionException:
                return new GraphQLError(exception.Message) { Locations = locations, Path = path.ToList() };
            case OperationCanceledException when context.CancellationToken.IsCancellationRequested:
                return context.RequestAborted.IsCancellationRequested || context.Timeout is not { } timeout
                    ? new GraphQLError("The operation was cancelled.") { Locations = locations, Path = path.ToList() }.WithCode("CANCELLED")
                    : new GraphQLError($"The operation did not finish within {timeout.TotalSeconds:0.###} s and was cancelled.") { Locations = locations, Path = path.ToList() }.WithCode("EXECUTION_TIMEOUT");
            default:
                context.Logger.LogError(exception, "Resolver for {Path} failed", path);
                return new GraphQLError("Unexpected error.") { Locations = locations, Path = path.ToList() }.WithCode("INTERNAL_SERVER_ERROR");
        }
    }

    private ValueTask<object?> Complete(GraphQLType type, CollectedField field, object? value, ResponsePath path)
    {
        if (type is NonNullType nonNull)
        {
            var inner = Complete(nonNull.OfType, field, value, path);
            if (!inner.IsCompletedSuccessfully)
                return CompleteNonNullAsync(inner, field);
            return inner.Result is null ? throw NonNullError(field) : inner;
        }

        if (value is null)
            return default;
        switch (type)
        {
            case ScalarType scalar:
                return new ValueTask<object?>(scalar.Serialize(value));
            case EnumType enumType:
                return new ValueTask<object?>(enumType.Serialize(value)
                    ?? throw new FieldError($"Enum \"{enumType.Name}\" cannot represent value: {value}"));
            case ListType list:
                return CompleteList(list.OfType, field, value, path);
            case ObjectType objectType:
                return CompleteObject(objectType, field, value, path);
            default:
                return CompleteObject(ResolveAbstractType((NamedType)type, field, value), field, value, path);
        }
    }

    private FieldError NonNullError(CollectedField field) =>
        new($"Cannot return null for non-nullable field {ParentTypeName(field)}.{field.Node.Name.Value}.");

    private static string ParentTypeName(CollectedField field) => field.ParentType.Name;

    private async ValueTask<object?> CompleteNonNullAsync(ValueTask<object?> inner, CollectedField field) =>
        await inner ?? throw NonNullError(field);

    private ValueTask<object?> CompleteObject(ObjectType type, CollectedField field, object value, ResponsePath path)
    {
        var subfields = context.Collector.CollectSubfields(type, field.Nodes);
        var fields = ExecuteFields(type, value, subfields, path);
        return fields.IsCompletedSuccessfully
            ? new ValueTask<object?>(fields.Result)
            : AwaitObject(fields);
    }

    private static async ValueTask<object?> AwaitObject(ValueTask<Dictionary<string, object?>> fields) => await fields;

    private ObjectType ResolveAbstractType(NamedType abstractType, CollectedField field, object value)
    {
        var name = (abstractType as IAbstractType)?.TypeResolver?.Invoke(value)
            ?? MemberReader.Read(value, "__typename") as string
            ?? value.GetType().Name;
        var objectType = context.Schema.GetType(name) as ObjectType;
        if (objectType is null || !context.Schema.IsSubType(abstractType, objectType))
        {
            throw new FieldError(
                $"Abstract type \"{abstractType.Name}\" must resolve to an Object type at runtime for field \"{ParentTypeName(field)}.{field.Node.Name.Value}\". " +
                $"Got \"{name}\". Add a type resolver (SchemaBuilder.AddTypeResolver) or give the value a \"__typename\" entry.");
        }

        return objectType;
    }

    private ValueTask<object?> CompleteList(GraphQLType itemType, CollectedField field, object value, ResponsePath path)
    {
        if (value is not IEnumerable items || value is string || value is IDictionary || value is IReadOnlyDictionary<string, object?>)
            throw new FieldError($"Expected Iterable, but did not find one for field \"{ParentTypeName(field)}.{field.Node.Name.Value}\".");
        var result = value is ICollection collection ? new List<object?>(collection.Count) : [];
        List<(int Index, ValueTask<object?> Value)>? pending = null;
        var index = 0;
        foreach (var item in items)
        {
            var itemPath = path.Index(index);
            ValueTask<object?> completed;
            try
            {
                completed = Complete(itemType, field, item, itemPath);
            }
            catch (Exception e)
            {
                completed = new ValueTask<object?>(HandleError(e, itemType, field, itemPath));
            }

            if (completed.IsCompletedSuccessfully)
            {
                result.Add(completed.Result);
            }
            else
            {
                result.Add(null);
                (pending ??= []).Add((index, WithItemErrors(completed, itemType, field, itemPath)));
            }

            index++;
        }

        return pending is null ? new ValueTask<object?>(result) : AwaitList(result, pending);
    }

    private async ValueTask<object?> WithItemErrors(ValueTask<object?> completed, GraphQLType itemType, CollectedField field, ResponsePath path)
    {
        try
        {
            return await completed;
        }
        catch (Exception e)
        {
            return HandleError(e, itemType, field, path);
        }
    }

    private static async ValueTask<object?> AwaitList(List<object?> result, List<(int Index, ValueTask<object?> Value)> pending)
    {
        NullPropagation? propagation = null;
        foreach (var (index, value) in pending)
        {
            try
            {
                result[index] = await value;
            }
            catch (NullPropagation e)
            {
                propagation = e;
            }
        }

        return propagation is null ? result : throw propagation;
    }
}

using GraphQL.Engine.Execution.Batching;
using GraphQL.Engine.Language;
using GraphQL.Engine.Types;

namespace GraphQL.Engine.Execution;

internal sealed class ResolverContext(
    OperationContext operation,
    ObjectType parentType,
    object? parent,
    CollectedField collected,
    IReadOnlyDictionary<string, object?> arguments,
    ResponsePath path) : IResolverContext
{
    public object? Parent { get; } = parent;

    public string FieldName => collected.Node.Name.Value;

    public FieldDefinition FieldDefinition => collected.Definition!;

    public ObjectType ParentType { get; } = parentType;

    public IReadOnlyDictionary<string, object?> Arguments { get; } = arguments;

    public IServiceProvider Services => operation.Services;

    public CancellationToken CancellationToken => operation.CancellationToken;

    public ResponsePath Path { get; } = path;

    public IReadOnlyList<FieldNode> FieldNodes => collected.Nodes;

    public OperationDefinitionNode Operation => operation.Operation;

    public Schema Schema => operation.Schema;

    public IDictionary<string, object?> RequestItems => operation.RequestItems;

    public bool HasArgument(string name) => Arguments.ContainsKey(name);

    public DataLoader<TKey, TValue> DataLoader<TKey, TValue>(
        string name,
        Func<IReadOnlyList<TKey>, CancellationToken, ValueTask<IReadOnlyDictionary<TKey, TValue>>> fetch,
        int maxBatchSize = 0)
        where TKey : notnull
    {
        var key = "dataloader:" + name;
        lock (operation.RequestItems)
        {
            if (operation.RequestItems.TryGetValue(key, out var existing))
            {
                return existing as DataLoader<TKey, TValue>
                    ?? throw new InvalidOperationException($"DataLoader \"{name}\" was created with other key/value types than {typeof(TKey).Name}/{typeof(TValue).Name}.");
            }

            var loader = new DataLoader<TKey, TValue>(fetch, operation.Loaders, operation.CancellationToken, maxBatchSize);
            operation.RequestItems[key] = loader;
            return loader;
        }
    }

    public T? Argument<T>(string name)
    {
        if (!Arguments.TryGetValue(name, out var value))
        {
            if (FieldDefinition.GetArgument(name) is null)
                throw new ArgumentException($"Field \"{ParentType.Name}.{FieldName}\" has no argument \"{name}\".", nameof(name));
            return default;
        }

        return ArgumentConverter.Convert<T>(value, name);
    }
}

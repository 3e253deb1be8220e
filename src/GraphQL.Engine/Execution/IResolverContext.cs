using GraphQL.Engine.Language;
using GraphQL.Engine.Types;

namespace GraphQL.Engine.Execution;

/// <summary>What a resolver knows about the field it resolves.</summary>
public interface IResolverContext
{
    /// <summary>The value of the parent object (the root value for root fields).</summary>
    object? Parent { get; }

    string FieldName { get; }

    FieldDefinition FieldDefinition { get; }

    ObjectType ParentType { get; }

    /// <summary>Coerced arguments; absent optional arguments without defaults are not present.</summary>
    IReadOnlyDictionary<string, object?> Arguments { get; }

    /// <summary>The request's services (per-request scope when hosted over HTTP).</summary>
    IServiceProvider Services { get; }

    CancellationToken CancellationToken { get; }

    ResponsePath Path { get; }

    IReadOnlyList<FieldNode> FieldNodes { get; }

    OperationDefinitionNode Operation { get; }

    Schema Schema { get; }

    /// <summary>State shared by every resolver of one request (DataLoaders live here).</summary>
    IDictionary<string, object?> RequestItems { get; }

    /// <summary>Reads an argument converted to <typeparamref name="T"/> (numbers, enums, lists, maps, or a class bound by property names).</summary>
    T? Argument<T>(string name);

    bool HasArgument(string name);

    /// <summary>
    /// The request's DataLoader called <paramref name="name"/>, created on first use with <paramref name="fetch"/>
    /// (keys in, values by key out; keys missing from the answer load as default).
    /// </summary>
    Batching.DataLoader<TKey, TValue> DataLoader<TKey, TValue>(
        string name,
        Func<IReadOnlyList<TKey>, CancellationToken, ValueTask<IReadOnlyDictionary<TKey, TValue>>> fetch,
        int maxBatchSize = 0)
        where TKey : notnull;
}

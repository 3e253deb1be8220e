using GraphQL.Engine.Execution;
using GraphQL.Engine.Types.Building;

namespace GraphQL.Engine.Types;

/// <summary>
/// SDL-first schema definition: type definitions as text, resolvers bound by "Type.field" name.
/// <see cref="Build"/> checks everything at start-up and lists every problem at once.
/// </summary>
public sealed class SchemaBuilder
{
    private readonly List<string> _typeDefinitions = [];
    private readonly Dictionary<(string Type, string Field), Func<IResolverContext, ValueTask<object?>>> _resolvers = [];
    private readonly Dictionary<(string Type, string Field), Func<IResolverContext, IAsyncEnumerable<object?>>> _subscribers = [];
    private readonly Dictionary<string, Func<object, string?>> _typeResolvers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ScalarType> _scalars = new(StringComparer.Ordinal);

    /// <summary>Adds SDL: types, inputs, enums, scalars, interfaces, unions, schema, directives and extensions.</summary>
    public SchemaBuilder AddTypeDefinitions(string sdl)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sdl);
        _typeDefinitions.Add(sdl);
        return this;
    }

    public SchemaBuilder AddResolver(string typeName, string fieldName, Func<IResolverContext, ValueTask<object?>> resolver)
    {
        ArgumentNullException.ThrowIfNull(resolver);
        if (!_resolvers.TryAdd((typeName, fieldName), resolver))
            throw new ArgumentException($"A resolver for {typeName}.{fieldName} was already added.", nameof(fieldName));
        return this;
    }

    /// <summary>Synchronous resolver: no state machine, no allocation for the common in-memory case.</summary>
    public SchemaBuilder AddResolver(string typeName, string fieldName, Func<IResolverContext, object?> resolver)
    {
        ArgumentNullException.ThrowIfNull(resolver);
        return AddResolver(typeName, fieldName, context => new ValueTask<object?>(resolver(context)));
    }

    /// <summary>Binds a subscription root field to the stream of events it emits; each event is then executed as the field's value.</summary>
    public SchemaBuilder AddSubscription(string typeName, string fieldName, Func<IResolverContext, IAsyncEnumerable<object?>> subscribe)
    {
        ArgumentNullException.ThrowIfNull(subscribe);
        if (!_subscribers.TryAdd((typeName, fieldName), subscribe))
            throw new ArgumentException($"A subscription for {typeName}.{fieldName} was already added.", nameof(fieldName));
        return this;
    }

    /// <summary>Tells the executor which object type a value of an interface or union is.</summary>
    public SchemaBuilder AddTypeResolver(string abstractTypeName, Func<object, string?> resolveTypeName)
    {
        ArgumentNullException.ThrowIfNull(resolveTypeName);
        _typeResolvers[abstractTypeName] = resolveTypeName;
        return this;
    }

    /// <summary>Supplies the coercion of a custom scalar declared in SDL with the same name.</summary>
    public SchemaBuilder AddScalar(ScalarType scalar)
    {
        ArgumentNullException.ThrowIfNull(scalar);
        _scalars[scalar.Name] = scalar;
        return this;
    }

    /// <exception cref="SchemaValidationException">The SDL or the bindings have problems; all are listed.</exception>
    public Schema Build() =>
        new SchemaAssembler(_typeDefinitions, _resolvers, _subscribers, _typeResolvers, _scalars).Assemble();
}

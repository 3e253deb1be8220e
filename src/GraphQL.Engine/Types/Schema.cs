using GraphQL.Engine.Language;

namespace GraphQL.Engine.Types;

/// <summary>
/// An immutable, validated schema. Build one with <see cref="SchemaBuilder"/>; share it across requests.
/// </summary>
public sealed class Schema
{
    private readonly Dictionary<string, NamedType> _types;
    private readonly Dictionary<string, DirectiveDefinition> _directives;
    private readonly Dictionary<string, IReadOnlyList<ObjectType>> _possibleTypes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<string>> _subTypes = new(StringComparer.Ordinal);

    internal Schema(
        ObjectType queryType,
        ObjectType? mutationType,
        ObjectType? subscriptionType,
        IEnumerable<NamedType> types,
        IEnumerable<DirectiveDefinition> directives,
        string? description)
    {
        QueryType = queryType;
        MutationType = mutationType;
        SubscriptionType = subscriptionType;
        Description = description;
        _types = types.ToDictionary(t => t.Name, StringComparer.Ordinal);
        _directives = directives.ToDictionary(d => d.Name, StringComparer.Ordinal);
        foreach (var type in _types.Values)
        {
            switch (type)
            {
                case UnionType union:
                    _possibleTypes[union.Name] = union.Types;
                    _subTypes[union.Name] = [.. union.Types.Select(t => t.Name)];
                    break;
                case InterfaceType iface:
                    var implementations = _types.Values.OfType<ComplexType>().Where(t => t.Interfaces.Any(i => i.Name == iface.Name)).ToList();
                    _possibleTypes[iface.Name] = implementations.OfType<ObjectType>().ToList();
                    _subTypes[iface.Name] = [.. implementations.Select(t => t.Name)];
                    break;
            }
        }
    }

    public ObjectType QueryType { get; }

    internal FieldDefinition? SchemaField { get; set; }

    internal FieldDefinition? TypeField { get; set; }

    public ObjectType? MutationType { get; }

    public ObjectType? SubscriptionType { get; }

    public string? Description { get; }

    public IReadOnlyCollection<NamedType> Types => _types.Values;

    public IReadOnlyCollection<DirectiveDefinition> Directives => _directives.Values;

    public NamedType? GetType(string name) => _types.GetValueOrDefault(name);

    public DirectiveDefinition? GetDirective(string name) => _directives.GetValueOrDefault(name);

    public ObjectType? GetRootType(OperationType operation) => operation switch
    {
        OperationType.Query => QueryType,
        OperationType.Mutation => MutationType,
        _ => SubscriptionType,
    };

    /// <summary>The object types a value of an interface or union can be.</summary>
    public IReadOnlyList<ObjectType> GetPossibleTypes(NamedType abstractType) =>
        _possibleTypes.GetValueOrDefault(abstractType.Name) ?? [];

    /// <summary>True when <paramref name="maybeSubType"/> is a member of the union or implements the interface.</summary>
    public bool IsSubType(NamedType abstractType, NamedType maybeSubType) =>
        _subTypes.TryGetValue(abstractType.Name, out var names) && names.Contains(maybeSubType.Name);

    /// <summary>The schema in SDL, as served at <c>/graphql/schema.graphql</c>.</summary>
    public string ToSdl() => Utilities.SchemaPrinter.Print(this);

    /// <summary>Subtype test of the spec (IsTypeSubTypeOf / IsValidImplementationFieldType).</summary>
    public bool IsTypeSubTypeOf(GraphQLType maybeSubType, GraphQLType superType)
    {
        if (GraphQLType.AreEqual(maybeSubType, superType))
            return true;
        if (superType is NonNullType superNonNull)
            return maybeSubType is NonNullType subNonNull && IsTypeSubTypeOf(subNonNull.OfType, superNonNull.OfType);
        if (maybeSubType is NonNullType nonNull)
            return IsTypeSubTypeOf(nonNull.OfType, superType);
        if (superType is ListType superList)
            return maybeSubType is ListType subList && IsTypeSubTypeOf(subList.OfType, superList.OfType);
        if (maybeSubType is ListType)
            return false;
        return superType is InterfaceType or UnionType && maybeSubType is NamedType named && IsSubType((NamedType)superType, named);
    }

    /// <summary>Whether two composite types can share any object type (used by fragment-spread validation).</summary>
    public bool DoTypesOverlap(NamedType a, NamedType b)
    {
        if (ReferenceEquals(a, b) || a.Name == b.Name)
            return true;
        if (a is InterfaceType or UnionType)
        {
            return b is InterfaceType or UnionType
                ? GetPossibleTypes(a).Any(t => IsSubType(b, t))
                : IsSubType(a, b);
        }

        return b is InterfaceType or UnionType && IsSubType(b, a);
    }
}

using GraphQL.Engine.Language;

namespace GraphQL.Engine.Types;

/// <summary>A type reference: a named type, or a list or non-null wrapper around one.</summary>
public abstract class GraphQLType
{
    public NamedType NamedType => this switch
    {
        NamedType named => named,
        ListType list => list.OfType.NamedType,
        NonNullType nonNull => nonNull.OfType.NamedType,
        _ => throw new InvalidOperationException("Unknown type wrapper."),
    };

    public GraphQLType Nullable => this is NonNullType nonNull ? nonNull.OfType : this;

    public bool IsInputType => NamedType is ScalarType or EnumType or InputObjectType;

    public bool IsOutputType => NamedType is ScalarType or EnumType or ObjectType or InterfaceType or UnionType;

    public bool IsLeafType => NamedType is ScalarType or EnumType;

    public abstract override string ToString();

    /// <summary>True when both references denote the same type (same name, same wrappers).</summary>
    public static bool AreEqual(GraphQLType a, GraphQLType b) => (a, b) switch
    {
        (NonNullType x, NonNullType y) => AreEqual(x.OfType, y.OfType),
        (ListType x, ListType y) => AreEqual(x.OfType, y.OfType),
        (NamedType x, NamedType y) => ReferenceEquals(x, y) || x.Name == y.Name,
        _ => false,
    };
}

public sealed class ListType(GraphQLType ofType) : GraphQLType
{
    public GraphQLType OfType { get; } = ofType;

    public override string ToString() => $"[{OfType}]";
}

public sealed class NonNullType(GraphQLType ofType) : GraphQLType
{
    public GraphQLType OfType { get; } = ofType is NonNullType
        ? throw new ArgumentException("A non-null type cannot wrap another non-null type.", nameof(ofType))
        : ofType;

    public override string ToString() => $"{OfType}!";
}

/// <summary>Scalars, objects, interfaces, unions, enums and input objects: everything with a name.</summary>
public abstract class NamedType(string name, string? description) : GraphQLType
{
    public string Name { get; } = name;

    public string? Description { get; internal set; } = description;

    /// <summary>The SDL nodes (definition and extensions) this type came from, for error locations.</summary>
    public List<TypeDefinitionNode> AstNodes { get; } = [];

    public override string ToString() => Name;
}

using GraphQL.Engine.Language;
using GraphQL.Engine.Types;

namespace GraphQL.Engine.Utilities;

/// <summary>Resolves a type reference written in a document against a schema; null when the named type is unknown.</summary>
public static class TypeFromAst
{
    public static GraphQLType? Resolve(Schema schema, TypeNode node) => node switch
    {
        NonNullTypeNode nonNull => Resolve(schema, nonNull.Type) is { } inner and not NonNullType ? new NonNullType(inner) : null,
        ListTypeNode list => Resolve(schema, list.Type) is { } item ? new ListType(item) : null,
        NamedTypeNode named => schema.GetType(named.Name.Value),
        _ => null,
    };
}

using GraphQL.Engine.Execution;
using GraphQL.Engine.Types;

namespace GraphQL.Engine.Relay;

/// <summary>Adds the Relay conventions to an SDL-first schema: the Node interface, node/nodes root fields, PageInfo, global ids.</summary>
public static class RelaySchemaExtensions
{
    public const string Sdl = """
        "An object with a globally unique, opaque ID."
        interface Node {
          "The ID of the object."
          id: ID!
        }

        "Information about pagination in a connection."
        type PageInfo {
          hasNextPage: Boolean!
          hasPreviousPage: Boolean!
          startCursor: String
          endCursor: String
        }

        extend type Query {
          "Fetches an object given its ID."
          node("The ID of an object." id: ID!): Node
          "Fetches objects given their IDs."
          nodes("The IDs of objects." ids: [ID!]!): [Node]!
        }
        """;

    /// <summary>
    /// Declares Node/PageInfo and <c>node(id:)</c>/<c>nodes(ids:)</c>, which decode global ids and call
    /// <paramref name="fetch"/> with the type name and the type's own id (null when not found).
    /// </summary>
    public static SchemaBuilder AddRelay(this SchemaBuilder builder, Func<string, string, IResolverContext, ValueTask<object?>> fetch)
    {
        ArgumentNullException.ThrowIfNull(fetch);
        return builder
            .AddTypeDefinitions(Sdl)
            .AddResolver("Query", "node", context =>
            {
                var (type, id) = GlobalId.Decode(context.Argument<string>("id")!);
                return fetch(type, id, context);
            })
            .AddResolver("Query", "nodes", async context =>
            {
                var ids = context.Argument<IReadOnlyList<object?>>("ids")!;
                var results = new object?[ids.Count];
                for (var i = 0; i < ids.Count; i++)
                {
                    // An unknown id yields null at its position, like a missing object, rather than failing the whole list.
                    results[i] = GlobalId.TryDecode((string)ids[i]!, out var type, out var id) ? await fetch(type, id, context) : null;
                }

                return results;
            });
    }

    /// <summary>Resolves <c>{typeName}.id</c> to the global id built from the object's own id.</summary>
    public static SchemaBuilder AddGlobalId(this SchemaBuilder builder, string typeName, Func<object, string> ownId) =>
        builder.AddResolver(typeName, "id", context => GlobalId.Encode(typeName, ownId(context.Parent!)));
}

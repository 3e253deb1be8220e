using GraphQL.Engine.Execution;
using GraphQL.Engine.Language;
using GraphQL.Engine.Types;
using GraphQL.Engine.Types.Scalars;

namespace GraphQL.Engine.Introspection;

/// <summary>
/// The introspection system (section 4 of the specification), defined in SDL like any other types. Most fields read
/// the engine's own type objects by name (FieldDefinition.Name, InputObjectType.IsOneOf...); the rest have resolvers here.
/// </summary>
public static class IntrospectionSchema
{
    public const string Sdl = """
        type __Schema {
          description: String
          types: [__Type!]!
          queryType: __Type!
          mutationType: __Type
          subscriptionType: __Type
          directives: [__Directive!]!
        }

        type __Type {
          kind: __TypeKind!
          name: String
          description: String
          specifiedByURL: String
          fields(includeDeprecated: Boolean = false): [__Field!]
          interfaces: [__Type!]
          possibleTypes: [__Type!]
          enumValues(includeDeprecated: Boolean = false): [__EnumValue!]
          inputFields(includeDeprecated: Boolean = false): [__InputValue!]
          ofType: __Type
          isOneOf: Boolean
        }

        enum __TypeKind { SCALAR OBJECT INTERFACE UNION ENUM INPUT_OBJECT LIST NON_NULL }

        type __Field {
          name: String!
          description: String
          args(includeDeprecated: Boolean = false): [__InputValue!]!
          type: __Type!
          isDeprecated: Boolean!
          deprecationReason: String
        }

        type __InputValue {
          name: String!
          description: String
          type: __Type!
          defaultValue: String
          isDeprecated: Boolean!
          deprecationReason: String
        }

        type __EnumValue {
          name: String!
          description: String
          isDeprecated: Boolean!
          deprecationReason: String
        }

        type __Directive {
          name: String!
          description: String
          isRepeatable: Boolean!
          locations: [__DirectiveLocation!]!
          args(includeDeprecated: Boolean = false): [__InputValue!]!
        }

        enum __DirectiveLocation {
          QUERY MUTATION SUBSCRIPTION FIELD FRAGMENT_DEFINITION FRAGMENT_SPREAD INLINE_FRAGMENT VARIABLE_DEFINITION
          SCHEMA SCALAR OBJECT FIELD_DEFINITION ARGUMENT_DEFINITION INTERFACE UNION ENUM ENUM_VALUE INPUT_OBJECT INPUT_FIELD_DEFINITION
        }
        """;

    private static readonly FieldDefinition TypeNameField = new("__typename", new NonNullType(BuiltInScalars.String))
    {
        Description = "The name of the current Object type at runtime.",
    };

    public static IEnumerable<(string Type, string Field, Func<IResolverContext, object?> Resolver)> Resolvers()
    {
        yield return ("__Type", "kind", c => Kind((GraphQLType)c.Parent!));
        yield return ("__Type", "fields", c => c.Parent is ComplexType complex ? Visible(complex.Fields, c, f => f.IsDeprecated) : null);
        yield return ("__Type", "possibleTypes", c => c.Parent is InterfaceType or UnionType ? c.Schema.GetPossibleTypes((NamedType)c.Parent) : null);
        yield return ("__Type", "enumValues", c => c.Parent is EnumType e ? Visible(e.Values, c, v => v.IsDeprecated) : null);
        yield return ("__Type", "inputFields", c => c.Parent is InputObjectType i ? Visible(i.Fields, c, f => f.IsDeprecated) : null);
        yield return ("__Field", "args", c => Visible(((FieldDefinition)c.Parent!).Arguments, c, a => a.IsDeprecated));
        yield return ("__Directive", "args", c => Visible(((DirectiveDefinition)c.Parent!).Arguments, c, a => a.IsDeprecated));
        yield return ("__InputValue", "defaultValue", c => ((InputValueDefinition)c.Parent!).DefaultValueLiteral is { } literal ? Printer.Print(literal) : null);
    }

    public static bool IsIntrospectionType(string name) => name.StartsWith("__", StringComparison.Ordinal);

    /// <summary>Adds <c>__schema</c> and <c>__type</c> to the query root's lookup (they are not listed among its fields).</summary>
    internal static void AttachMetaFields(Schema schema)
    {
        schema.SchemaField = new FieldDefinition("__schema", new NonNullType(schema.GetType("__Schema")!))
        {
            Description = "Access the current type schema of this server.",
            Resolver = c => new ValueTask<object?>(c.Schema),
        };
        schema.TypeField = new FieldDefinition("__type", schema.GetType("__Type")!)
        {
            Description = "Request the type information of a single type.",
            Arguments = [new InputValueDefinition("name", new NonNullType(BuiltInScalars.String))],
            Resolver = c => new ValueTask<object?>(c.Schema.GetType(c.Argument<string>("name")!)),
        };
    }

    /// <summary>Finds a field of a composite type, including the meta-fields; <c>__typename</c> only when asked (the executor answers it itself).</summary>
    public static FieldDefinition? GetField(Schema schema, NamedType parentType, string name, bool includeTypename = false)
    {
        if (name.StartsWith("__", StringComparison.Ordinal))
        {
            switch (name)
            {
                case "__typename":
                    return includeTypename ? TypeNameField : null;
                case "__schema" when ReferenceEquals(parentType, schema.QueryType):
                    return schema.SchemaField;
                case "__type" when ReferenceEquals(parentType, schema.QueryType):
                    return schema.TypeField;
            }
        }

        return (parentType as ComplexType)?.GetField(name);
    }

    private static string Kind(GraphQLType type) => type switch
    {
        ScalarType => "SCALAR",
        ObjectType => "OBJECT",
        InterfaceType => "INTERFACE",
        UnionType => "UNION",
        EnumType => "ENUM",
        InputObjectType => "INPUT_OBJECT",
        ListType => "LIST",
        _ => "NON_NULL",
    };

    private static IReadOnlyList<T> Visible<T>(IReadOnlyList<T> items, IResolverContext context, Func<T, bool> isDeprecated) =>
        context.Argument<bool>("includeDeprecated") ? items : [.. items.Where(i => !isDeprecated(i))];
}

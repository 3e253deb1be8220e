using System.Text;
using GraphQL.Engine.Introspection;
using GraphQL.Engine.Language;
using GraphQL.Engine.Types;
using GraphQL.Engine.Types.Scalars;

namespace GraphQL.Engine.Utilities;

/// <summary>Prints a schema as SDL in graphql-js's printSchema layout (built-ins and introspection types left out).</summary>
public static class SchemaPrinter
{
    public static string Print(Schema schema)
    {
        var blocks = new List<string>();
        if (SchemaBlock(schema) is { } schemaBlock)
            blocks.Add(schemaBlock);
        foreach (var directive in schema.Directives.Where(d => !BuiltInDirectives.IsBuiltIn(d.Name)))
            blocks.Add(Directive(directive));
        foreach (var type in schema.Types.Where(t => !IntrospectionSchema.IsIntrospectionType(t.Name) && !BuiltInScalars.IsBuiltIn(t.Name)))
            blocks.Add(Type(type));
        return string.Join("\n\n", blocks) + "\n";
    }

    private static string? SchemaBlock(Schema schema)
    {
        var conventional = schema.QueryType.Name == "Query"
            && (schema.MutationType is null || schema.MutationType.Name == "Mutation")
            && (schema.SubscriptionType is null || schema.SubscriptionType.Name == "Subscription");
        if (conventional && schema.Description is null)
            return null;
        var builder = new StringBuilder(Description(schema.Description, string.Empty)).Append("schema {\n");
        builder.Append("  query: ").Append(schema.QueryType.Name).Append('\n');
        if (schema.MutationType is not null)
            builder.Append("  mutation: ").Append(schema.MutationType.Name).Append('\n');
        if (schema.SubscriptionType is not null)
            builder.Append("  subscription: ").Append(schema.SubscriptionType.Name).Append('\n');
        return builder.Append('}').ToString();
    }

    private static string Description(string? description, string indent) =>
        description is null ? string.Empty : indent + BlockString.Print(description).Replace("\n", "\n" + indent) + "\n";

    private static string Deprecated(string? reason) => reason switch
    {
        null => string.Empty,
        BuiltInDirectives.DefaultDeprecationReason => " @deprecated",
        _ => $" @deprecated(reason: {StringLiteral.Quote(reason)})",
    };

    private static string Directive(DirectiveDefinition directive) =>
        Description(directive.Description, string.Empty) + "directive @" + directive.Name + Arguments(directive.Arguments, string.Empty)
        + (directive.IsRepeatable ? " repeatable" : string.Empty) + " on " + string.Join(" | ", directive.Locations);

    private static string Type(NamedType type)
    {
        var head = Description(type.Description, string.Empty);
        return type switch
        {
            ScalarType scalar => head + "scalar " + scalar.Name + (scalar.SpecifiedByUrl is { } url ? $" @specifiedBy(url: {StringLiteral.Quote(url)})" : string.Empty),
            ObjectType obj => head + "type " + obj.Name + Implements(obj) + Fields(obj),
            InterfaceType iface => head + "interface " + iface.Name + Implements(iface) + Fields(iface),
            UnionType union => head + "union " + union.Name + (union.Types.Count > 0 ? " = " + string.Join(" | ", union.Types.Select(t => t.Name)) : string.Empty),
            EnumType enumType => head + "enum " + enumType.Name + Block(enumType.Values.Select((v, i) =>
                Description(v.Description, "  ") + "  " + v.Name + Deprecated(v.DeprecationReason))),
            InputObjectType input => head + "input " + input.Name + (input.IsOneOf ? " @oneOf" : string.Empty) + Block(input.Fields.Select(f =>
                Description(f.Description, "  ") + "  " + InputValue(f))),
            _ => throw new InvalidOperationException($"Cannot print {type.GetType().Name}."),
        };
    }

    private static string Implements(ComplexType type) =>
        type.Interfaces.Count == 0 ? string.Empty : " implements " + string.Join(" & ", type.Interfaces.Select(i => i.Name));

    private static string Fields(ComplexType type) => Block(type.Fields.Select(f =>
        Description(f.Description, "  ") + "  " + f.Name + Arguments(f.Arguments, "  ") + ": " + f.Type + Deprecated(f.DeprecationReason)));

    private static string Block(IEnumerable<string> lines)
    {
        var items = lines.ToList();
        return items.Count == 0 ? string.Empty : " {\n" + string.Join("\n", items) + "\n}";
    }

    private static string Arguments(IReadOnlyList<InputValueDefinition> arguments, string indent)
    {
        if (arguments.Count == 0)
            return string.Empty;
        if (arguments.All(a => a.Description is null))
            return "(" + string.Join(", ", arguments.Select(InputValue)) + ")";
        return "(\n" + string.Join("\n", arguments.Select(a => Description(a.Description, indent + "  ") + indent + "  " + InputValue(a))) + "\n" + indent + ")";
    }

    private static string InputValue(InputValueDefinition value) =>
        value.Name + ": " + value.Type
        + (value.DefaultValueLiteral is { } literal ? " = " + Printer.Print(literal) : string.Empty)
        + Deprecated(value.DeprecationReason);
}

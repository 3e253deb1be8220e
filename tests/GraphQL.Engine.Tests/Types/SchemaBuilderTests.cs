using GraphQL.Engine.Types;

namespace GraphQL.Engine.Tests.Types;

public class SchemaBuilderTests
{
    [Fact]
    public void Builds_the_test_schema_with_links_between_types()
    {
        var schema = TestSchema.Build();
        var author = Assert.IsType<ObjectType>(schema.GetType("Author"));
        Assert.Equal(["Node", "Named"], author.Interfaces.Select(i => i.Name));
        Assert.Equal("Use name.", author.GetField("nickname")!.DeprecationReason);
        Assert.Equal(["Author", "Book"], schema.GetPossibleTypes(schema.GetType("Node")!).Select(t => t.Name).Order());
        Assert.True(Assert.IsType<InputObjectType>(schema.GetType("BookKey")).IsOneOf);
        Assert.Equal("FICTION", ((InputObjectType)schema.GetType("BookInput")!).GetField("genre")!.DefaultValue);
        Assert.NotNull(Assert.IsAssignableFrom<ScalarType>(schema.GetType("DateTime")).SpecifiedByUrl);
    }

    [Fact]
    public void Lists_every_problem_at_once()
    {
        var error = Assert.Throws<SchemaValidationException>(() => new SchemaBuilder()
            .AddTypeDefinitions("""
                type Query { a: Missing, b(x: Query): String, c: In }
                interface I { id: ID! name: String }
                type T implements I { id: String }
                input In { self: In! }
                union U = In
                enum Empty
                type Query2 { __bad: Int }
                """)
            .AddResolver("Query", "nope", _ => null)
            .AddResolver("Nothing", "x", _ => null)
            .Build());
        var all = string.Join("\n", error.Problems);
        Assert.Contains("Unknown type \"Missing\"", all);
        Assert.Contains("Query.b(x:) must be Input Type", all);
        Assert.Contains("Query.c must be Output Type", all);
        Assert.Contains("Interface field I.name expected but T does not provide it", all);
        Assert.Contains("Interface field I.id expects type ID! but T.id is type String", all);
        Assert.Contains("Cannot reference Input Object \"In\" within itself", all);
        Assert.Contains("Union type U can only include Object types", all);
        Assert.Contains("Enum type Empty must define one or more values", all);
        Assert.Contains("\"__bad\" must not begin with \"__\"", all);
        Assert.Contains("\"Query\" has no field \"nope\"", all);
        Assert.Contains("no object or interface type \"Nothing\"", all);
        Assert.True(error.Problems.Count >= 11, all);
    }

    [Fact]
    public void Reports_sdl_syntax_errors_with_position()
    {
        var error = Assert.Throws<SchemaValidationException>(() => new SchemaBuilder().AddTypeDefinitions("type Query {\n  a: \n}").Build());
        Assert.Contains("line 3, column 1", error.Problems[0]);
    }

    [Fact]
    public void Requires_a_query_type()
    {
        var error = Assert.Throws<SchemaValidationException>(() => new SchemaBuilder().AddTypeDefinitions("type Mutation { a: Int }").Build());
        Assert.Contains("no query root type", error.Message);
    }

    [Fact]
    public void Applies_extensions_and_schema_definitions()
    {
        var schema = new SchemaBuilder()
            .AddTypeDefinitions("schema { query: Root } type Root { a: Int } extend type Root { b: String }")
            .Build();
        Assert.Equal("Root", schema.QueryType.Name);
        Assert.Equal(["a", "b"], schema.QueryType.Fields.Select(f => f.Name));
        Assert.Contains("schema {\n  query: Root\n}", schema.ToSdl());
    }

    [Fact]
    public void Interfaces_implementing_interfaces_must_repeat_the_chain()
    {
        var error = Assert.Throws<SchemaValidationException>(() => new SchemaBuilder()
            .AddTypeDefinitions("type Query { n: Node } interface Node { id: ID! } interface Resource implements Node { id: ID! url: String } type Img implements Resource { id: ID! url: String }")
            .Build());
        Assert.Contains("Type Img must implement Node because it is implemented by Resource", error.Message);
    }

    [Fact]
    public void Prints_the_schema_as_sdl()
    {
        var sdl = TestSchema.Build().ToSdl();
        Assert.Contains("type Author implements Node & Named {", sdl);
        Assert.Contains("nickname: String @deprecated(reason: \"Use name.\")", sdl);
        Assert.Contains("input BookKey @oneOf {", sdl);
        Assert.Contains("books(first: Int = 10, genre: Genre): [Book!]!", sdl);
        Assert.DoesNotContain("__Schema", sdl);
    }
}

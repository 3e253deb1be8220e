using System.Text.Json.Nodes;
using GraphQL.Conformance.Tests.Oracle;
using GraphQL.Conformance.Tests.Validation;
using GraphQL.Engine.Execution;
using GraphQL.Engine.Types;

namespace GraphQL.Conformance.Tests.Introspection;

/// <summary>
/// The standard introspection query (every option the engine supports) answered by the engine, rebuilt by
/// graphql-js's buildClientSchema and printed sorted, must equal graphql-js's printing of the same SDL.
/// </summary>
public class IntrospectionAgreementTests
{
    public static TheoryData<string> Schemas() => new()
    {
        ValidationCorpus.Sdl,
        """
        "Described schema"
        schema { query: Root }
        "Root doc" type Root {
          "field doc" node(id: ID!, "how" mode: Mode = FAST @deprecated(reason: "gone")): Node
          old: String @deprecated
          when: DateTime
          search(filter: Filter = {text: "a", tags: ["x"], range: {min: 1}}): [Result!]!
        }
        "Instants" scalar DateTime @specifiedBy(url: "https://example.com/date-time")
        interface Node { id: ID! }
        interface Resource implements Node { id: ID! url: String }
        type Image implements Resource & Node { id: ID! url: String width: Int }
        union Result = Image
        enum Mode { FAST SLOW @deprecated(reason: "too slow") }
        input Filter { text: String, tags: [String!] = [], range: Range, legacy: Int @deprecated }
        input Range { min: Int = 0, max: Int }
        input Pick @oneOf { id: ID, name: String }
        type Extra { pick(p: Pick): Int }
        directive @cacheControl(maxAge: Int, scope: String = "PUBLIC") repeatable on FIELD_DEFINITION | OBJECT
        """,
    };

    [Theory]
    [MemberData(nameof(Schemas))]
    public async Task Introspection_rebuilds_the_same_schema_in_graphql_js(string sdl)
    {
        var query = (string)(await NodeOracle.AskAsync(new { command = "introspectionQuery" }))["query"]!;
        var schema = new SchemaBuilder().AddTypeDefinitions(sdl).Build();
        var result = await new DocumentExecutor(schema).ExecuteAsync(new GraphQLRequest(query));
        Assert.Null(result.Errors);
        var data = JsonNode.Parse(ResultJsonWriter.ToJson(result))!["data"];

        var fromEngine = (string)(await NodeOracle.AskAsync(new { command = "printIntrospection", result = data }))["sdl"]!;
        var expected = (string)(await NodeOracle.AskAsync(new { command = "printSdl", sdl }))["sdl"]!;
        Assert.Equal(expected, fromEngine);
    }
}

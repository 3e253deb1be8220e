using System.Text.Json;
using GraphQL.Engine.Execution;

namespace GraphQL.Engine.Tests.Execution;

public class IntrospectionTests
{
    [Fact]
    public async Task Describes_types_fields_deprecations_and_oneOf()
    {
        var schema = TestSchema.Build();
        var result = await TestSchema.Run(schema, """
            {
              __schema { queryType { name } mutationType { name } subscriptionType { name } directives { name isRepeatable locations } }
              author: __type(name: "Author") { kind name interfaces { name } fields(includeDeprecated: true) { name isDeprecated deprecationReason args { name defaultValue type { kind ofType { name } } } } }
              visible: __type(name: "Author") { fields { name } }
              key: __type(name: "BookKey") { isOneOf inputFields { name } }
              date: __type(name: "DateTime") { specifiedByURL }
              node: __type(name: "Node") { possibleTypes { name } }
              missing: __type(name: "Nope") { name }
            }
            """);
        var data = result.GetProperty("data");
        Assert.Equal("Query", data.GetProperty("__schema").GetProperty("queryType").GetProperty("name").GetString());
        Assert.Equal(JsonValueKind.Null, data.GetProperty("__schema").GetProperty("subscriptionType").ValueKind);
        Assert.Contains(data.GetProperty("__schema").GetProperty("directives").EnumerateArray(), d => d.GetProperty("name").GetString() == "oneOf");
        var author = data.GetProperty("author");
        Assert.Equal("OBJECT", author.GetProperty("kind").GetString());
        Assert.Equal(4, author.GetProperty("fields").GetArrayLength());
        Assert.Equal(3, data.GetProperty("visible").GetProperty("fields").GetArrayLength());
        var books = author.GetProperty("fields").EnumerateArray().First(f => f.GetProperty("name").GetString() == "books");
        Assert.Equal("10", books.GetProperty("args")[0].GetProperty("defaultValue").GetString());
        Assert.Equal("LIST", books.GetProperty("args").EnumerateArray().Count() == 2 ? "LIST" : "?");
        Assert.True(data.GetProperty("key").GetProperty("isOneOf").GetBoolean());
        Assert.StartsWith("https://", data.GetProperty("date").GetProperty("specifiedByURL").GetString());
        Assert.Equal(2, data.GetProperty("node").GetProperty("possibleTypes").GetArrayLength());
        Assert.Equal(JsonValueKind.Null, data.GetProperty("missing").ValueKind);
    }

    [Fact]
    public async Task Can_be_switched_off()
    {
        var result = await TestSchema.Run(TestSchema.Build(), "{ __schema { types { name } } }", options: new ExecutionOptions { EnableIntrospection = false });
        Assert.Contains("Introspection is disabled", JsonSerializer.Serialize(result));
        Assert.False(result.TryGetProperty("data", out _));
    }
}

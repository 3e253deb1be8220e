using System.Text.Json;
using GraphQL.Engine.Execution;
using GraphQL.Engine.Types;
using GraphQL.Engine.Types.Scalars;

namespace GraphQL.Engine.Tests.Types;

public class ScalarTests
{
    private static readonly Schema Schema = new SchemaBuilder()
        .AddTypeDefinitions("""
            scalar DateTime
            scalar Date
            scalar Decimal
            scalar Email
            scalar Url
            scalar JSON
            type Query {
              echo(when: DateTime, day: Date, amount: Decimal, email: Email, url: Url, any: JSON): Echo!
            }
            type Echo { when: DateTime day: Date amount: Decimal email: Email url: Url any: JSON }
            """)
        .AddResolver("Query", "echo", c => c.Arguments)
        .Build();

    private static async Task<string> Run(string query, object? variables = null)
    {
        var vars = variables is null ? null : JsonValues.ToMap(JsonSerializer.SerializeToElement(variables));
        return ResultJsonWriter.ToJson(await new DocumentExecutor(Schema).ExecuteAsync(new GraphQLRequest(query, vars)));
    }

    [Fact]
    public async Task Extended_scalars_round_trip_their_formats()
    {
        var json = await Run("""
            { echo(when: "2024-02-29T23:59:59.5+02:00", day: "2024-02-29", amount: 12.50, email: "ada@example.com", url: "https://example.com/a?b=c", any: {a: [1, "x", null]}) {
                when day amount email url any } }
            """);
        Assert.Equal("""{"data":{"echo":{"when":"2024-02-29T23:59:59.5+02:00","day":"2024-02-29","amount":"12.50","email":"ada@example.com","url":"https://example.com/a?b=c","any":{"a":[1,"x",null]}}}}""", json);
    }

    [Theory]
    [InlineData("when", "\"yesterday\"", "DateTime cannot represent value")]
    [InlineData("day", "\"2024-02-30\"", "Date cannot represent value")]
    [InlineData("amount", "\"lots\"", "Decimal cannot represent value")]
    [InlineData("email", "\"not-an-address\"", "Email cannot represent value")]
    [InlineData("url", "\"/relative\"", "Url cannot represent value")]
    public async Task Invalid_literals_are_validation_errors(string argument, string literal, string message)
    {
        var json = await Run($"{{ echo({argument}: {literal}) {{ {argument} }} }}");
        Assert.Contains(message, json);
        Assert.DoesNotContain("\"data\"", json);
    }

    [Fact]
    public async Task Variables_are_coerced_with_the_same_rules()
    {
        var ok = await Run("query($d: Decimal, $w: DateTime) { echo(amount: $d, when: $w) { amount when } }", new { d = 0.1m, w = "2024-01-01T00:00:00Z" });
        Assert.Equal("""{"data":{"echo":{"amount":"0.1","when":"2024-01-01T00:00:00Z"}}}""", ok);
        var bad = await Run("query($e: Email) { echo(email: $e) { email } }", new { e = "nope" });
        Assert.Contains("got invalid value \\\"nope\\\"; Email cannot represent value", bad);
    }

    private static Schema DateTimeSchema(string declaration) => new SchemaBuilder()
        .AddTypeDefinitions(declaration + " type Query { now: DateTime }")
        .Build();

    [Fact]
    public void Each_schema_keeps_its_own_description_and_specified_by_url_for_a_shared_scalar()
    {
        var custom = DateTimeSchema("\"Our instants\" scalar DateTime @specifiedBy(url: \"https://example.com/instant\")");
        var plain = DateTimeSchema("scalar DateTime");
        var again = DateTimeSchema("\"Our instants\" scalar DateTime @specifiedBy(url: \"https://example.com/instant\")");

        var customType = (ScalarType)custom.GetType("DateTime")!;
        var plainType = (ScalarType)plain.GetType("DateTime")!;
        Assert.Equal("https://example.com/instant", customType.SpecifiedByUrl);
        Assert.Equal("Our instants", customType.Description);
        Assert.Equal(ExtendedScalars.DateTime.SpecifiedByUrl, plainType.SpecifiedByUrl);
        Assert.Null(plainType.Description);
        // Each schema holds only its own definition, however many schemas declared the scalar before it.
        Assert.Single(again.GetType("DateTime")!.AstNodes);
        Assert.Empty(ExtendedScalars.DateTime.AstNodes);
    }

    [Fact]
    public async Task Schemas_declaring_the_same_scalars_can_be_built_at_the_same_time()
    {
        var builds = Enumerable.Range(0, 200).Select(_ => Task.Run(() => DateTimeSchema("scalar DateTime")));

        var schemas = await Task.WhenAll(builds);

        Assert.All(schemas, schema => Assert.Single(schema.GetType("DateTime")!.AstNodes));
    }
}

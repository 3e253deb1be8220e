using System.Text.Json;
using GraphQL.Engine.Execution;
using GraphQL.Engine.Types;

namespace GraphQL.Engine.Tests.Execution;

public class ExecutionTests
{
    private readonly Schema _schema = TestSchema.Build();

    private static string Json(JsonElement element) => JsonSerializer.Serialize(element);

    [Fact]
    public async Task Resolves_nested_fields_lists_aliases_and_default_member_reads()
    {
        var result = await TestSchema.Run(_schema, "{ book(id: \"b1\") { title genre t: tags author { name nickname books(first: 1) { id } } } }");
        Assert.Equal(
            """{"data":{"book":{"title":"Earthsea","genre":"FICTION","t":["magic",null],"author":{"name":"Ursula","nickname":"ursula","books":[{"id":"b1"}]}}}}""",
            Json(result));
    }

    [Fact]
    public async Task Coerces_variables_including_input_objects_lists_and_defaults()
    {
        var result = await TestSchema.Run(_schema,
            "mutation($in: BookInput!) { addBook(input: $in) { id title genre tags author { id } } }",
            new { @in = new { title = "New", authorId = "a2", tags = "solo" } });
        Assert.Equal("""{"data":{"addBook":{"id":"b4","title":"New","genre":"FICTION","tags":["solo"],"author":{"id":"a2"}}}}""", Json(result));
    }

    [Fact]
    public async Task Coerces_literal_arguments_of_every_scalar()
    {
        var result = await TestSchema.Run(_schema, "{ echo(text: \"x\", number: -3, flag: true, ratio: 2, list: 7, when: \"2024-01-31T13:45:00Z\") }");
        Assert.Equal("""{"flag":true,"list":[7],"number":-3,"ratio":2,"text":"x","when":"2024-01-31T13:45:00.0000000\u002B00:00"}""",
            result.GetProperty("data").GetProperty("echo").GetString());
    }

    [Theory]
    [InlineData("""{"n": 1.5}""", "Int cannot represent non-integer value: 1.5")]
    [InlineData("""{"n": 3000000000}""", "non 32-bit signed integer")]
    [InlineData("""{"n": "4"}""", "Int cannot represent non-integer value: \"4\"")]
    [InlineData("""{}""", "Variable \"$n\" of required type \"Int!\" was not provided.")]
    [InlineData("""{"n": null}""", "Variable \"$n\" of non-null type \"Int!\" must not be null.")]
    public async Task Invalid_variables_are_request_errors_without_data(string variables, string message)
    {
        var vars = JsonValues.ToMap(JsonDocument.Parse(variables).RootElement);
        var result = await new DocumentExecutor(_schema).ExecuteAsync(new GraphQLRequest("query($n: Int!) { echo(number: $n) }", vars));
        Assert.False(result.HasData);
        Assert.Contains(message, Assert.Single(result.Errors!).Message);
        Assert.Equal(1, result.Errors![0].Locations![0].Line);
    }

    [Fact]
    public async Task Errors_carry_path_and_locations_and_hide_internal_details()
    {
        var result = await TestSchema.Run(_schema, "{\n  ok: book(id: \"b2\") { title }\n  failing\n  coded\n}");
        Assert.Equal("Cosmos", result.GetProperty("data").GetProperty("ok").GetProperty("title").GetString());
        Assert.Equal(JsonValueKind.Null, result.GetProperty("data").GetProperty("failing").ValueKind);
        var errors = result.GetProperty("errors").EnumerateArray().ToList();
        Assert.Equal(2, errors.Count);
        Assert.Equal("Unexpected error.", errors[0].GetProperty("message").GetString());
        Assert.DoesNotContain("secret", Json(result));
        Assert.Equal("""[{"line":3,"column":3}]""", Json(errors[0].GetProperty("locations")));
        Assert.Equal("""["failing"]""", Json(errors[0].GetProperty("path")));
        Assert.Equal("FORBIDDEN", errors[1].GetProperty("extensions").GetProperty("code").GetString());
        Assert.Equal("Not allowed here.", errors[1].GetProperty("message").GetString());
    }

    [Fact]
    public async Task Null_in_a_non_null_field_propagates_to_the_nearest_nullable_parent()
    {
        var result = await TestSchema.Run(_schema, "{ brokenBook { id title } book(id: \"b1\") { id } }");
        Assert.Equal("""{"errors":[{"message":"Cannot return null for non-nullable field Book.title.","locations":[{"line":1,"column":19}],"path":["brokenBook","title"]}],"data":{"brokenBook":null,"book":{"id":"b1"}}}""",
            Json(result));
        var root = await TestSchema.Run(_schema, "{ failingNonNull book(id: \"b1\") { id } }");
        Assert.Equal(JsonValueKind.Null, root.GetProperty("data").ValueKind);
        Assert.Equal("""["failingNonNull"]""", Json(root.GetProperty("errors")[0].GetProperty("path")));
    }

    [Fact]
    public async Task Skip_include_fragments_and_typename_shape_the_result()
    {
        var result = await TestSchema.Run(_schema, """
            query($yes: Boolean!) {
              search(text: "os") {
                __typename
                ... on Author { name @include(if: $yes) id @skip(if: $yes) }
                ...B @skip(if: false)
              }
            }
            fragment B on Book { title }
            """, new { yes = true });
        Assert.Equal("""{"data":{"search":[{"__typename":"Book","title":"Cosmos"},{"__typename":"Book","title":"The Dispossessed"}]}}""",
            Json(result));
        var authors = await TestSchema.Run(_schema, "{ search(text: \"Carl\") { __typename ... on Named { name } } node(id: \"a1\") { id ... on Author { name } } }");
        Assert.Equal("""{"data":{"search":[{"__typename":"Author","name":"Carl"}],"node":{"id":"a1","name":"Ursula"}}}""", Json(authors));
    }

    [Fact]
    public async Task Merges_fields_with_the_same_response_key()
    {
        var result = await TestSchema.Run(_schema, "{ book(id: \"b1\") { author { id } author { name } ... on Book { author { id } } } }");
        Assert.Equal("""{"data":{"book":{"author":{"id":"a1","name":"Ursula"}}}}""", Json(result));
    }

    [Fact]
    public async Task Mutations_run_one_after_another()
    {
        var log = new List<string>();
        var schema = TestSchema.Build(log);
        var result = await TestSchema.Run(schema, "mutation { a: append(value: \"first\") b: append(value: \"second\") }");
        Assert.Equal(["first", "second"], log);
        Assert.Equal("""{"data":{"a":["first"],"b":["first","second"]}}""", Json(result));
    }

    [Fact]
    public async Task Query_fields_with_async_resolvers_run_concurrently()
    {
        // Four resolvers of 1.5 s each: serial execution would take at least 6 s.
        var started = DateTime.UtcNow;
        var result = await TestSchema.Run(_schema, "{ a: slow(ms: 1500, value: \"a\") b: slow(ms: 1500, value: \"b\") c: slow(ms: 1500, value: \"c\") d: slow(ms: 1500, value: \"d\") }");
        Assert.Equal("""{"data":{"a":"a","b":"b","c":"c","d":"d"}}""", Json(result));
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(5.5), "fields did not overlap");
    }

    [Fact]
    public async Task OneOf_inputs_accept_exactly_one_field()
    {
        var ok = await TestSchema.Run(_schema, "{ bookBy(key: {id: \"b2\"}) { title } }");
        Assert.Equal("Cosmos", ok.GetProperty("data").GetProperty("bookBy").GetProperty("title").GetString());
        var viaVariable = await TestSchema.Run(_schema, "query($k: BookKey!) { bookBy(key: $k) { title } }", new { k = new { id = "b1", isbn = "x" } });
        Assert.Contains("must specify exactly one key", Json(viaVariable));
        Assert.False(viaVariable.TryGetProperty("data", out _));
    }

    [Fact]
    public async Task Enum_arguments_and_results_use_value_names()
    {
        var result = await TestSchema.Run(_schema, "query($g: Genre) { books(genre: $g) { id genre } }", new { g = "SCIENCE" });
        Assert.Equal("""{"data":{"books":[{"id":"b2","genre":"SCIENCE"}]}}""", Json(result));
        var wrong = await TestSchema.Run(_schema, "query($g: Genre) { books(genre: $g) { id } }", new { g = "POETRY" });
        Assert.Contains("Value \\u0022POETRY\\u0022 does not exist in \\u0022Genre\\u0022 enum.", Json(wrong));
    }

    [Fact]
    public async Task Custom_scalars_serialize_their_runtime_values()
    {
        var result = await TestSchema.Run(_schema, "{ now }");
        Assert.Equal("""{"data":{"now":"2024-01-31T13:45:00Z"}}""", Json(result));
    }

    [Fact]
    public async Task Selects_the_named_operation_and_reports_missing_ones()
    {
        const string document = "query A { authors { id } } query B { books { id } }";
        var b = await TestSchema.Run(_schema, document, operationName: "B");
        Assert.Equal(3, b.GetProperty("data").GetProperty("books").GetArrayLength());
        var none = await TestSchema.Run(_schema, document);
        Assert.Contains("Must provide operation name", Json(none));
        var unknown = await TestSchema.Run(_schema, document, operationName: "C");
        Assert.Contains("Unknown operation named", Json(unknown));
    }

    [Fact]
    public async Task Syntax_and_validation_errors_are_request_errors_with_locations()
    {
        var syntax = await TestSchema.Run(_schema, "{ book(id: ) }");
        Assert.Equal("""{"errors":[{"message":"Syntax Error: Unexpected \u0022)\u0022.","locations":[{"line":1,"column":12}],"extensions":{"code":"GRAPHQL_PARSE_FAILED"}}]}""", Json(syntax));
        var invalid = await TestSchema.Run(_schema, "{ book(id: \"1\") { titel } }");
        Assert.Contains("Cannot query field \\u0022titel\\u0022 on type \\u0022Book\\u0022. Did you mean \\u0022title\\u0022?", Json(invalid));
    }

    [Fact]
    public async Task Resolvers_see_services_arguments_and_path()
    {
        IResolverContext? seen = null;
        var schema = new SchemaBuilder()
            .AddTypeDefinitions("type Query { items: [Item] } type Item { value(times: Int = 2): Int }")
            .AddResolver("Query", "items", _ => new[] { new Dictionary<string, object?> { ["value"] = 1 } })
            .AddResolver("Item", "value", c =>
            {
                seen = c;
                return (int)((IReadOnlyDictionary<string, object?>)c.Parent!)["value"]! * c.Argument<int>("times");
            })
            .Build();
        var services = new ServiceProviderStub("marker");
        var result = await new DocumentExecutor(schema).ExecuteAsync(new GraphQLRequest("{ items { v: value } }"), services);
        Assert.Equal("""{"data":{"items":[{"v":2}]}}""", ResultJsonWriter.ToJson(result));
        Assert.Equal(["items", 0, "v"], seen!.Path.ToList());
        Assert.Same(services, seen.Services);
        Assert.Equal("value", seen.FieldName);
    }

    private sealed class ServiceProviderStub(object marker) : IServiceProvider
    {
        public object? GetService(Type serviceType) => serviceType == typeof(object) ? marker : null;
    }
}

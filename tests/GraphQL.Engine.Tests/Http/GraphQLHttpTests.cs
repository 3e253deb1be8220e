using System.Net;
using System.Text.Json;

namespace GraphQL.Engine.Tests.Http;

/// <summary>GraphQL over HTTP as the graphql-over-http draft describes it, against a real socket.</summary>
public sealed class GraphQLHttpTests : IAsyncLifetime
{
    private TestHost _host = null!;

    private HttpClient _client => _host.Client;

    public async Task InitializeAsync() => _host = await TestHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private Task<(HttpStatusCode Status, string? MediaType, string Body)> Post(string json, string? accept = null, string contentType = "application/json") =>
        _host.PostAsync(json, accept, contentType);

    private async Task<(HttpStatusCode Status, string? MediaType, string Body)> Get(string query, string accept = "application/graphql-response+json")
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/graphql?query=" + Uri.EscapeDataString(query));
        request.Headers.TryAddWithoutValidation("Accept", accept);
        using var response = await _client.SendAsync(request);
        return (response.StatusCode, response.Content.Headers.ContentType?.MediaType, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Post_executes_with_variables_and_answers_graphql_response_json()
    {
        var (status, mediaType, body) = await Post("""{"query":"query($id: ID!) { book(id: $id) { title } }","variables":{"id":"b2"}}""", "application/graphql-response+json");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("application/graphql-response+json", mediaType);
        Assert.Equal("""{"data":{"book":{"title":"Cosmos"}}}""", body);
    }

    [Fact]
    public async Task Application_json_is_used_when_asked_and_request_errors_stay_200()
    {
        var (status, mediaType, body) = await Post("""{"query":"{ nope }"}""", "application/json");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("application/json", mediaType);
        Assert.Contains("Cannot query field", body);
        var (strictStatus, _, strictBody) = await Post("""{"query":"{ nope }"}""", "application/graphql-response+json");
        Assert.Equal(HttpStatusCode.BadRequest, strictStatus);
        Assert.DoesNotContain("\"data\"", strictBody);
    }

    [Fact]
    public async Task Get_runs_queries_but_refuses_mutations_with_405()
    {
        var (status, _, body) = await Get("{ authors { name } }");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("Ursula", body);
        var (mutationStatus, _, mutationBody) = await Get("mutation { append(value: \"x\") }");
        Assert.Equal(HttpStatusCode.MethodNotAllowed, mutationStatus);
        Assert.Contains("use POST", mutationBody);
    }

    [Theory]
    [InlineData("{not json", "not valid JSON")]
    [InlineData("""{"query": 1}""", "\\\"query\\\" parameter must be a string")]
    [InlineData("""{"query": "{ authors { id } }", "variables": "x"}""", "\\\"variables\\\" parameter must be a JSON object")]
    [InlineData("""[]""", "The batch is empty")]
    [InlineData("""{}""", "Must provide a query string")]
    public async Task Malformed_requests_get_400_and_a_message(string body, string message)
    {
        var (status, _, response) = await Post(body, "application/graphql-response+json");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains(message, response);
    }

    [Fact]
    public async Task Unsupported_content_and_accept_types_are_refused()
    {
        var (status, _, _) = await Post("""{"query":"{ authors { id } }"}""", contentType: "text/plain");
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, status);
        var (notAcceptable, _, _) = await Post("""{"query":"{ authors { id } }"}""", "text/xml");
        Assert.Equal(HttpStatusCode.NotAcceptable, notAcceptable);
    }

    [Fact]
    public async Task Serves_the_schema_as_sdl()
    {
        var sdl = await _client.GetStringAsync("/graphql/schema.graphql");
        Assert.Contains("type Query {", sdl);
        Assert.Contains("input BookKey @oneOf", sdl);
    }

    [Fact]
    public async Task Partial_errors_keep_status_200_with_data()
    {
        var (status, _, body) = await Post("""{"query":"{ failing authors { id } }"}""", "application/graphql-response+json");
        Assert.Equal(HttpStatusCode.OK, status);
        using var json = JsonDocument.Parse(body);
        Assert.Equal(2, json.RootElement.GetProperty("data").GetProperty("authors").GetArrayLength());
        Assert.Equal("Unexpected error.", json.RootElement.GetProperty("errors")[0].GetProperty("message").GetString());
    }

    [Fact]
    public async Task Browsers_get_the_ide_and_api_clients_do_not()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/graphql");
        request.Headers.TryAddWithoutValidation("Accept", "text/html,application/xhtml+xml,*/*;q=0.8");
        using var response = await _client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType!.MediaType);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("<title>GraphQL IDE</title>", html);
        Assert.Contains("schema.graphql", html);

        var (status, mediaType, _) = await Get("{ authors { id } }", "text/html,application/json");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("application/json", mediaType);
    }
}

using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace GraphQL.Engine.Tests.Http;

/// <summary>Hosts the engine on a real Kestrel socket, as clients see it.</summary>
public sealed class GraphQLHttpTests : IAsyncLifetime
{
    private WebApplication? _app;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        _app = builder.Build();
        _app.MapGraphQL("/graphql", TestSchema.Build());
        await _app.StartAsync();
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        _client = new HttpClient { BaseAddress = new Uri(address), Timeout = TimeSpan.FromSeconds(60) };
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        if (_app is not null)
            await _app.DisposeAsync();
    }

    private async Task<(HttpStatusCode Status, string? MediaType, string Body)> Post(string json, string? accept = null, string contentType = "application/json")
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = new StringContent(json, Encoding.UTF8) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        if (accept is not null)
            request.Headers.TryAddWithoutValidation("Accept", accept);
        using var response = await _client.SendAsync(request);
        return (response.StatusCode, response.Content.Headers.ContentType?.MediaType, await response.Content.ReadAsStringAsync());
    }

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
    [InlineData("""[]""", "must be a JSON object")]
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
}

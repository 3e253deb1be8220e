using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using GraphQL.Conformance.Tests.Http;
using GraphQL.Conformance.Tests.Oracle;

namespace GraphQL.Conformance.Tests.Subscriptions;

/// <summary>The npm graphql-ws client subscribes over WebSocket, receives events and completes; SSE streams the same events.</summary>
public class GraphQLWsClientTests(LiveEndpoint endpoint) : IClassFixture<LiveEndpoint>
{
    [Fact]
    public async Task The_graphql_ws_client_subscribes_receives_events_and_completes()
    {
        var wsUrl = endpoint.Url.Replace("http://", "ws://", StringComparison.Ordinal);
        var json = await NodeOracle.RunAsync("ws-client.mjs", null, TimeSpan.FromMinutes(2), new Dictionary<string, string> { ["GRAPHQL_WS_URL"] = wsUrl });
        var seen = JsonNode.Parse(json)!;

        var countdown = seen["countdown"]!;
        Assert.True((bool)countdown["completed"]!, json);
        Assert.Equal([3, 2, 1, 0], countdown["events"]!.AsArray().Select(e => (int)e!["data"]!["countdown"]!));

        var stopped = seen["stopped"]!;
        Assert.True((bool)stopped["stopped"]!);
        Assert.Equal(["Hi", "Bonjour"], stopped["events"]!.AsArray().Select(e => (string)e!["data"]!["greetings"]!));

        Assert.Equal("Hello, ws!", (string)seen["query"]!["events"]![0]!["data"]!["hello"]!);
        Assert.True((bool)seen["query"]!["completed"]!);

        var invalid = seen["invalid"]!["error"]!.AsArray();
        Assert.Contains("must select only one top level field", (string)invalid[0]!["message"]!);
    }

    [Fact]
    public async Task Server_sent_events_stream_each_result_then_complete()
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(60) };
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint.Url)
        {
            Content = new StringContent("""{"query":"subscription { countdown(from: 2) }"}""", System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType!.MediaType);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal(
            ":\n\nevent: next\ndata: {\"data\":{\"countdown\":2}}\n\nevent: next\ndata: {\"data\":{\"countdown\":1}}\n\nevent: next\ndata: {\"data\":{\"countdown\":0}}\n\nevent: complete\ndata:\n\n",
            body);
    }
}

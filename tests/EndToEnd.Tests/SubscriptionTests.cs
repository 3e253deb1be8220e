using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace EndToEnd.Tests;

/// <summary>
/// The customerCreated subscription through the gateway: the event travels customer actor → the tenant's feed actor
/// (silo) → the GraphQL service's long poll → the subscriber, over WebSocket and over Server-Sent Events.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class SubscriptionTests(SystemFixture system) : IClassFixture<SystemFixture>
{
    private const string Subscription = "subscription { customerCreated { id name } }";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private CrmClient Client => system.Client;

    /// <summary>
    /// A subscription hears of customers created from the moment its poll reaches the tenant's feed, which the client
    /// cannot observe; so customers are created until one is heard of, and it must be one of them.
    /// </summary>
    private async Task<(string Heard, List<string> Created)> CreateUntilHeardAsync(string apiKey, Task<string> heard)
    {
        var created = new List<string>();
        using var deadline = new CancellationTokenSource(Patience);
        while (!heard.IsCompleted)
        {
            var name = $"Live {created.Count + 1}";
            var (_, body) = await Client.GraphQLAsync(apiKey, $$"""mutation { createCustomer(input: {name: "{{name}}", email: "live@example.com"}) { customer { id } } }""");
            Assert.NotNull(body["data"]?["createCustomer"]);
            created.Add(name);
            await Task.WhenAny(heard, Task.Delay(300, deadline.Token));
        }

        return (await heard, created);
    }

    [Fact]
    public async Task A_websocket_subscriber_hears_of_a_customer_created_in_its_tenant_and_can_complete()
    {
        var tenant = await Client.SignUpAsync("Live Socket Co");
        using var timeout = new CancellationTokenSource(Patience);
        using var socket = await SubscribeOverWebSocketAsync(tenant.ApiKey, timeout.Token);

        var (heard, created) = await CreateUntilHeardAsync(tenant.ApiKey, NextNameAsync(socket, timeout.Token));
        await GraphQLWebSocket.SendAsync(socket, new { id = "1", type = "complete" }, timeout.Token);
        await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", timeout.Token);

        Assert.Contains(heard, created);
    }

    [Fact]
    public async Task A_server_sent_events_subscriber_hears_of_a_customer_created_in_its_tenant()
    {
        var tenant = await Client.SignUpAsync("Live Stream Co");
        using var http = new HttpClient { BaseAddress = system.Host.Gateway, Timeout = Patience };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = JsonContent.Create(new { query = Subscription }) };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", tenant.ApiKey);
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());

        var (heard, created) = await CreateUntilHeardAsync(tenant.ApiKey, NextEventNameAsync(reader));

        Assert.Contains(heard, created);
    }

    [Fact]
    public async Task Another_tenants_customers_never_reach_a_subscriber()
    {
        var listener = await Client.SignUpAsync("Quiet Co");
        var other = await Client.SignUpAsync("Busy Co");
        using var timeout = new CancellationTokenSource(Patience);
        using var socket = await SubscribeOverWebSocketAsync(listener.ApiKey, timeout.Token);
        var heard = NextNameAsync(socket, timeout.Token);

        // The other tenant's customers keep coming; then one of the listener's own arrives first, proving it was listening.
        for (var i = 0; i < 5; i++)
            await Client.GraphQLAsync(other.ApiKey, """mutation { createCustomer(input: {name: "Not yours", email: "b@example.com"}) { customer { id } } }""");
        var (first, created) = await CreateUntilHeardAsync(listener.ApiKey, heard);

        Assert.Contains(first, created);
    }

    [Fact]
    public async Task A_websocket_without_a_key_is_refused_with_401()
    {
        using var socket = new ClientWebSocket();
        socket.Options.AddSubProtocol("graphql-transport-ws");
        socket.Options.CollectHttpResponseDetails = true;

        await Assert.ThrowsAsync<WebSocketException>(() => socket.ConnectAsync(new Uri($"ws://{system.Host.Gateway.Authority}/graphql"), CancellationToken.None));

        Assert.Equal(HttpStatusCode.Unauthorized, socket.HttpStatusCode);
    }

    /// <summary>Connects with the tenant's key, completes the graphql-transport-ws handshake and subscribes as operation "1".</summary>
    private async Task<ClientWebSocket> SubscribeOverWebSocketAsync(string apiKey, CancellationToken cancellationToken)
    {
        var socket = await GraphQLWebSocket.ConnectAsync(system.Host.Gateway, apiKey, cancellationToken);
        await GraphQLWebSocket.SendAsync(socket, new { id = "1", type = "subscribe", payload = new { query = Subscription } }, cancellationToken);
        return socket;
    }

    private static async Task<string> NextNameAsync(ClientWebSocket socket, CancellationToken cancellationToken)
    {
        var message = await GraphQLWebSocket.ReceiveAsync(socket, cancellationToken);
        Assert.True((string?)message["type"] == "next", $"expected a next message, got {message.ToJsonString()}");
        return (string)message["payload"]!["data"]!["customerCreated"]!["name"]!;
    }

    private static async Task<string> NextEventNameAsync(StreamReader reader)
    {
        // Events are "event: next" then "data: {...}" lines; anything else (comments, keep-alives) is skipped.
        string? line;
        while ((line = await reader.ReadLineAsync()) is not null)
        {
            if (line.StartsWith("data:", StringComparison.Ordinal) && JsonNode.Parse(line["data:".Length..])?["data"]?["customerCreated"] is { } customer)
                return (string)customer["name"]!;
        }

        throw new Xunit.Sdk.XunitException("The event stream ended before a customerCreated event.");
    }
}

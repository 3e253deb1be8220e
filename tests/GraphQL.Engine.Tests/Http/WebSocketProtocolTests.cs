using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using GraphQL.Engine.Http;
using GraphQL.Engine.Types;

namespace GraphQL.Engine.Tests.Http;

/// <summary>The graphql-transport-ws rules the npm client relies on, including the close code of each misuse.</summary>
public class WebSocketProtocolTests
{
    private static Schema Schema() => new SchemaBuilder()
        .AddTypeDefinitions("type Query { a: Int } type Subscription { ticks(count: Int!): Int! }")
        .AddSubscription("Subscription", "ticks", c => Ticks(c.Argument<int>("count")))
        .Build();

    private static async IAsyncEnumerable<object?> Ticks(int count)
    {
        for (var i = 1; i <= count; i++)
        {
            await Task.Yield();
            yield return i;
        }
    }

    private static async Task<(TestHost Host, ClientWebSocket Socket)> Connect(GraphQLHttpOptions? options = null)
    {
        var host = await TestHost.StartAsync(Schema(), options);
        var socket = new ClientWebSocket();
        socket.Options.AddSubProtocol("graphql-transport-ws");
        await socket.ConnectAsync(new Uri(host.BaseAddress.ToString().Replace("http", "ws") + "graphql"), CancellationToken.None);
        return (host, socket);
    }

    private static Task Send(ClientWebSocket socket, object message) =>
        socket.SendAsync(JsonSerializer.SerializeToUtf8Bytes(message), WebSocketMessageType.Text, true, CancellationToken.None);

    private static async Task<JsonElement?> Receive(ClientWebSocket socket)
    {
        var buffer = new byte[64 * 1024];
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var result = await socket.ReceiveAsync(buffer, timeout.Token);
        return result.MessageType == WebSocketMessageType.Close ? null : JsonDocument.Parse(Encoding.UTF8.GetString(buffer, 0, result.Count)).RootElement.Clone();
    }

    [Fact]
    public async Task Streams_next_messages_then_complete_after_the_handshake()
    {
        var (host, socket) = await Connect();
        await using var _ = host;
        await Send(socket, new { type = "connection_init" });
        Assert.Equal("connection_ack", (await Receive(socket))!.Value.GetProperty("type").GetString());
        await Send(socket, new { type = "ping" });
        Assert.Equal("pong", (await Receive(socket))!.Value.GetProperty("type").GetString());
        await Send(socket, new { id = "1", type = "subscribe", payload = new { query = "subscription { ticks(count: 2) }" } });
        var first = (await Receive(socket))!.Value;
        Assert.Equal("next", first.GetProperty("type").GetString());
        Assert.Equal(1, first.GetProperty("payload").GetProperty("data").GetProperty("ticks").GetInt32());
        Assert.Equal(2, (await Receive(socket))!.Value.GetProperty("payload").GetProperty("data").GetProperty("ticks").GetInt32());
        var complete = (await Receive(socket))!.Value;
        Assert.Equal("complete", complete.GetProperty("type").GetString());
        Assert.Equal("1", complete.GetProperty("id").GetString());
    }

    [Fact]
    public async Task Subscribing_before_the_acknowledgement_closes_with_4401()
    {
        var (host, socket) = await Connect();
        await using var _ = host;
        await Send(socket, new { id = "1", type = "subscribe", payload = new { query = "subscription { ticks(count: 1) }" } });
        Assert.Null(await Receive(socket));
        Assert.Equal(4401, (int)socket.CloseStatus!);
    }

    [Fact]
    public async Task A_second_init_closes_with_4429_and_garbage_with_4400()
    {
        var (host, socket) = await Connect();
        await using var _ = host;
        await Send(socket, new { type = "connection_init" });
        await Receive(socket);
        await Send(socket, new { type = "connection_init" });
        Assert.Null(await Receive(socket));
        Assert.Equal(4429, (int)socket.CloseStatus!);

        var (host2, other) = await Connect();
        await using var __ = host2;
        await Send(other, new { type = "nonsense" });
        Assert.Null(await Receive(other));
        Assert.Equal(4400, (int)other.CloseStatus!);
    }

    [Fact]
    public async Task Silent_clients_are_closed_with_4408()
    {
        var (host, socket) = await Connect(new GraphQLHttpOptions { ConnectionInitWaitTimeout = TimeSpan.FromMilliseconds(200) });
        await using var _ = host;
        Assert.Null(await Receive(socket));
        Assert.Equal(4408, (int)socket.CloseStatus!);
    }
}

using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace EndToEnd.Tests;

/// <summary>A graphql-transport-ws client through the gateway, as far as the tests need one.</summary>
public static class GraphQLWebSocket
{
    /// <summary>Connects with the tenant's key and completes the protocol's handshake.</summary>
    public static async Task<ClientWebSocket> ConnectAsync(Uri gateway, string apiKey, CancellationToken cancellationToken)
    {
        var socket = new ClientWebSocket();
        socket.Options.AddSubProtocol("graphql-transport-ws");
        socket.Options.SetRequestHeader("Authorization", $"Bearer {apiKey}");
        await socket.ConnectAsync(new Uri($"ws://{gateway.Authority}/graphql"), cancellationToken);
        await SendAsync(socket, new { type = "connection_init" }, cancellationToken);
        Assert.Equal("connection_ack", (string?)(await ReceiveAsync(socket, cancellationToken))["type"]);
        return socket;
    }

    public static Task SendAsync(ClientWebSocket socket, object message, CancellationToken cancellationToken) =>
        socket.SendAsync(JsonSerializer.SerializeToUtf8Bytes(message), WebSocketMessageType.Text, endOfMessage: true, cancellationToken);

    public static async Task<JsonNode> ReceiveAsync(ClientWebSocket socket, CancellationToken cancellationToken)
    {
        var buffer = new byte[64 * 1024];
        using var message = new MemoryStream();
        WebSocketReceiveResult result;
        do
        {
            result = await socket.ReceiveAsync(buffer, cancellationToken);
            if (result.MessageType == WebSocketMessageType.Close)
                throw new Xunit.Sdk.XunitException($"The server closed the socket: {result.CloseStatus} {result.CloseStatusDescription}");
            message.Write(buffer, 0, result.Count);
        }
        while (!result.EndOfMessage);
        return JsonNode.Parse(Encoding.UTF8.GetString(message.ToArray()))!;
    }
}

using System.Buffers;
using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text.Json;
using GraphQL.Engine.Execution;
using Microsoft.AspNetCore.Http;

namespace GraphQL.Engine.Http.Streaming;

/// <summary>
/// One WebSocket connection speaking the <c>graphql-transport-ws</c> protocol (the npm graphql-ws library's):
/// connection_init/ack within a deadline, subscribe/next/error/complete per operation id, ping/pong, and the
/// protocol's close codes for every misuse.
/// </summary>
internal sealed class GraphQLWebSocketSession(
    WebSocket socket, DocumentExecutor executor, Persisted.PersistedDocumentResolver documents, HttpContext http, GraphQLHttpOptions options)
{
    public const string SubProtocol = "graphql-transport-ws";

    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly ConcurrentDictionary<string, CancellationTokenSource> _operations = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _closing = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted);
    private bool _initReceived;
    private volatile bool _acknowledged;

    public async Task RunAsync()
    {
        var initDeadline = Task.Delay(options.ConnectionInitWaitTimeout, _closing.Token)
            .ContinueWith(async t =>
            {
                if (!t.IsCanceled && !_acknowledged)
                    await CloseAsync(4408, "Connection initialisation timeout");
            }, TaskScheduler.Default).Unwrap();
        try
        {
            // After the server sends a close frame it keeps reading until the client's close frame arrives:
            // disposing the socket earlier would reset the connection before the client sees the close code.
            while (socket.State is WebSocketState.Open or WebSocketState.CloseSent)
            {
                var message = await ReceiveAsync();
                if (message is null)
                    break;
                if (_closing.IsCancellationRequested)
                    message.Dispose();
                else
                    await HandleAsync(message);
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException)
        {
            // The client went away; nothing to answer.
        }
        finally
        {
            await _closing.CancelAsync();
            foreach (var operation in _operations.Values)
                await operation.CancelAsync();
            await initDeadline.ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    private async Task<JsonDocument?> ReceiveAsync()
    {
        var buffer = new ArrayBufferWriter<byte>();
        while (true)
        {
            var memory = buffer.GetMemory(4096);
            var received = await socket.ReceiveAsync(memory, http.RequestAborted);
            if (received.MessageType == WebSocketMessageType.Close)
            {
                await CloseAsync(WebSocketCloseStatus.NormalClosure, "Bye");
                return null;
            }

            buffer.Advance(received.Count);
            if (buffer.WrittenCount > options.MaxRequestBytes)
            {
                await CloseAsync(4400, $"Message larger than {options.MaxRequestBytes} bytes");
                return null;
            }

            if (received.EndOfMessage)
                break;
        }

        try
        {
            return JsonDocument.Parse(buffer.WrittenMemory);
        }
        catch (JsonException)
        {
            await CloseAsync(4400, "Invalid message received: not JSON");
            return null;
        }
    }

    private async Task HandleAsync(JsonDocument message)
    {
        using (message)
        {
            var root = message.RootElement;
            var type = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
            switch (type)
            {
                case "connection_init":
                    if (_initReceived)
                    {
                        await CloseAsync(4429, "Too many initialisation requests");
                        return;
                    }

                    _initReceived = true;
                    _acknowledged = true;
                    await SendAsync(new { type = "connection_ack" });
                    return;
                case "ping":
                    await SendAsync(new { type = "pong" });
                    return;
                case "pong":
                    return;
                case "subscribe":
                    await SubscribeAsync(root);
                    return;
                case "complete":
                    if (root.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String && _operations.TryRemove(id.GetString()!, out var operation))
                        await operation.CancelAsync();
                    return;
                default:
                    await CloseAsync(4400, type is null ? "Invalid message received: no type" : $"Invalid message received: unknown type \"{type}\"");
                    return;
            }
        }
    }

    private async Task SubscribeAsync(JsonElement message)
    {
        if (!_acknowledged)
        {
            await CloseAsync(4401, "Unauthorized");
            return;
        }

        if (!message.TryGetProperty("id", out var idElement) || idElement.ValueKind != JsonValueKind.String || idElement.GetString() is not { Length: > 0 } id
            || !message.TryGetProperty("payload", out var payload))
        {
            await CloseAsync(4400, "Invalid message received: subscribe needs an id and a payload");
            return;
        }

        GraphQLRequest request;
        try
        {
            request = HttpRequestParser.FromJson(payload);
        }
        catch (RequestFormatException e)
        {
            await CloseAsync(4400, "Invalid message received: " + e.Message);
            return;
        }

        var cancel = CancellationTokenSource.CreateLinkedTokenSource(_closing.Token);
        if (!_operations.TryAdd(id, cancel))
        {
            cancel.Dispose();
            await CloseAsync(4409, $"Subscriber for {id} already exists");
            return;
        }

        _ = RunOperationAsync(id, request, cancel);
    }

    private async Task RunOperationAsync(string id, GraphQLRequest request, CancellationTokenSource cancel)
    {
        try
        {
            var (resolved, refusal) = await documents.ResolveAsync(request, http.RequestServices, cancel.Token);
            if (refusal is not null)
            {
                await SendErrorAsync(id, refusal);
                return;
            }

            var started = await executor.SubscribeAsync(resolved!, http.RequestServices, cancel.Token);
            if (started.RequestError is { } error)
            {
                await SendErrorAsync(id, error);
                return;
            }

            await foreach (var result in started.Stream!.WithCancellation(cancel.Token))
                await SendResultAsync(id, "next", result);
            if (!cancel.IsCancellationRequested)
                await SendAsync(new { id, type = "complete" });
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            // The client completed the operation or the socket closed: the protocol asks for no further message.
        }
        catch (WebSocketException)
        {
            // The socket is gone.
        }
        finally
        {
            _operations.TryRemove(new KeyValuePair<string, CancellationTokenSource>(id, cancel));
            cancel.Dispose();
        }
    }

    private async Task SendErrorAsync(string id, ExecutionResult error)
    {
        await _sendLock.WaitAsync();
        try
        {
            var buffer = new ArrayBufferWriter<byte>();
            await using (var writer = new Utf8JsonWriter(buffer, ResultJsonWriter.WriterOptions))
            {
                writer.WriteStartObject();
                writer.WriteString("id", id);
                writer.WriteString("type", "error");
                writer.WritePropertyName("payload");
                writer.WriteStartArray();
                foreach (var item in error.Errors ?? [])
                    ResultJsonWriter.WriteError(writer, item);
                writer.WriteEndArray();
                writer.WriteEndObject();
            }

            await socket.SendAsync(buffer.WrittenMemory, WebSocketMessageType.Text, true, _closing.Token);
        }
        finally
        {
            _sendLock.Release();
        }
    }

    private async Task SendResultAsync(string id, string type, ExecutionResult result)
    {
        var buffer = new ArrayBufferWriter<byte>();
        await using (var writer = new Utf8JsonWriter(buffer, ResultJsonWriter.WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteString("id", id);
            writer.WriteString("type", type);
            writer.WritePropertyName("payload");
            ResultJsonWriter.Write(writer, result);
            writer.WriteEndObject();
        }

        await SendRawAsync(buffer.WrittenMemory);
    }

    private Task SendAsync(object message) => SendRawAsync(JsonSerializer.SerializeToUtf8Bytes(message));

    private async Task SendRawAsync(ReadOnlyMemory<byte> bytes)
    {
        await _sendLock.WaitAsync();
        try
        {
            if (socket.State == WebSocketState.Open)
                await socket.SendAsync(bytes, WebSocketMessageType.Text, true, _closing.Token);
        }
        finally
        {
            _sendLock.Release();
        }
    }

    private Task CloseAsync(int code, string reason) => CloseAsync((WebSocketCloseStatus)code, reason);

    private async Task CloseAsync(WebSocketCloseStatus status, string reason)
    {
        await _sendLock.WaitAsync();
        try
        {
            if (socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
            {
                await socket.CloseOutputAsync(status, reason, CancellationToken.None);

                // A client that never answers the close frame does not get to hold the connection.
                _ = Task.Delay(TimeSpan.FromSeconds(5)).ContinueWith(_ => socket.Abort(), TaskScheduler.Default);
            }
        }
        catch (WebSocketException)
        {
            // Already closed by the other side.
        }
        finally
        {
            _sendLock.Release();
            await _closing.CancelAsync();
        }
    }
}

using System.Buffers;
using System.Text.Json;
using GraphQL.Engine.Execution;
using Microsoft.AspNetCore.Http;

namespace GraphQL.Engine.Http.Streaming;

/// <summary>
/// GraphQL over Server-Sent Events, "distinct connections" mode of the graphql-sse protocol: one request, a
/// <c>next</c> event per result, then a <c>complete</c> event.
/// </summary>
internal static class ServerSentEvents
{
    public static bool IsRequested(HttpRequest request) =>
        request.Headers.Accept.ToString().Contains(MediaTypes.EventStream, StringComparison.OrdinalIgnoreCase);

    public static async Task StreamAsync(HttpContext http, DocumentExecutor executor, GraphQLRequest request)
    {
        var started = await executor.SubscribeAsync(request, http.RequestServices, http.RequestAborted);
        if (started.RequestError is { } error)
        {
            await GraphQLHttpHandler.WriteResult(http, MediaTypes.GraphQLResponse, StatusCodes.Status400BadRequest, error);
            return;
        }

        http.Response.StatusCode = StatusCodes.Status200OK;
        http.Response.ContentType = MediaTypes.EventStream + "; charset=utf-8";
        http.Response.Headers.CacheControl = "no-cache";
        http.Response.Headers["X-Accel-Buffering"] = "no";
        // A comment line (ignored by SSE parsers) right away: a proxy in between may hold the headers back until the
        // first body bytes, and a subscription's first event may be a long time coming.
        await http.Response.WriteAsync(":\n\n", http.RequestAborted);
        await http.Response.Body.FlushAsync(http.RequestAborted);
        try
        {
            await foreach (var result in started.Stream!.WithCancellation(http.RequestAborted))
            {
                var buffer = new ArrayBufferWriter<byte>();
                await using (var writer = new Utf8JsonWriter(buffer, ResultJsonWriter.WriterOptions))
                    ResultJsonWriter.Write(writer, result);
                await http.Response.WriteAsync("event: next\ndata: ", http.RequestAborted);
                await http.Response.Body.WriteAsync(buffer.WrittenMemory, http.RequestAborted);
                await http.Response.WriteAsync("\n\n", http.RequestAborted);
                await http.Response.Body.FlushAsync(http.RequestAborted);
            }

            await http.Response.WriteAsync("event: complete\ndata:\n\n", http.RequestAborted);
        }
        catch (OperationCanceledException) when (http.RequestAborted.IsCancellationRequested)
        {
            // The client disconnected: the stream ends with it.
        }
    }
}

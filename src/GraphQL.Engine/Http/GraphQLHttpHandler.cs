using System.Text.Json;
using GraphQL.Engine.Execution;
using GraphQL.Engine.Language;
using Microsoft.AspNetCore.Http;

namespace GraphQL.Engine.Http;

/// <summary>
/// GraphQL over HTTP (graphql-over-http draft): POST with JSON, GET for queries, media-type negotiation
/// between <c>application/graphql-response+json</c> (default) and <c>application/json</c>, and the draft's status codes.
/// </summary>
internal sealed class GraphQLHttpHandler(DocumentExecutor executor, GraphQLHttpOptions options)
{
    private readonly Persisted.PersistedDocumentResolver _documents = new(options.PersistedDocuments, options.AutomaticPersistedQueries);

    public async Task HandleAsync(HttpContext http)
    {
        var request = http.Request;
        if (http.WebSockets.IsWebSocketRequest)
        {
            await AcceptWebSocketAsync(http);
            return;
        }

        if (!HttpMethods.IsGet(request.Method) && !HttpMethods.IsPost(request.Method))
        {
            http.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
            http.Response.Headers.Allow = "GET, POST";
            return;
        }

        if (options.EnableIde && Ide.IdePage.IsRequested(request))
        {
            await Ide.IdePage.WriteAsync(http);
            return;
        }

        var mediaType = Streaming.ServerSentEvents.IsRequested(request) ? MediaTypes.GraphQLResponse : Negotiate(request);
        if (mediaType is null)
        {
            await WritePlainError(http, StatusCodes.Status406NotAcceptable,
                $"Accept must allow {MediaTypes.GraphQLResponse} or {MediaTypes.Json}.");
            return;
        }

        GraphQLRequest graphQLRequest;
        try
        {
            if (HttpMethods.IsGet(request.Method))
            {
                graphQLRequest = HttpRequestParser.FromQueryString(request.Query);
            }
            else
            {
                if (!IsJsonContent(request.ContentType))
                {
                    await WriteResult(http, mediaType, StatusCodes.Status415UnsupportedMediaType,
                        ExecutionResult.RequestError(new GraphQLError($"POST requests must have Content-Type {MediaTypes.Json}; got \"{request.ContentType}\".")));
                    return;
                }

                if (request.ContentLength > options.MaxRequestBytes)
                {
                    await WriteResult(http, mediaType, StatusCodes.Status413PayloadTooLarge, TooLarge());
                    return;
                }

                using var body = await ReadBodyAsync(http);
                if (body is null)
                {
                    await WriteResult(http, mediaType, StatusCodes.Status413PayloadTooLarge, TooLarge());
                    return;
                }

                if (body.RootElement.ValueKind == JsonValueKind.Array)
                {
                    await HandleBatchAsync(http, mediaType, body.RootElement);
                    return;
                }

                graphQLRequest = HttpRequestParser.FromJson(body.RootElement);
            }
        }
        catch (RequestFormatException e)
        {
            await WriteResult(http, mediaType, StatusCodes.Status400BadRequest, ExecutionResult.RequestError(new GraphQLError(e.Message).WithCode("BAD_REQUEST")));
            return;
        }
        catch (JsonException e)
        {
            await WriteResult(http, mediaType, StatusCodes.Status400BadRequest,
                ExecutionResult.RequestError(new GraphQLError($"The request body is not valid JSON: {e.Message}").WithCode("BAD_REQUEST")));
            return;
        }

        var (resolved, refusal) = await _documents.ResolveAsync(graphQLRequest, http.RequestServices, http.RequestAborted);
        if (refusal is not null)
        {
            await WriteResult(http, mediaType, StatusCodes.Status400BadRequest, refusal);
            return;
        }

        graphQLRequest = resolved!;
        if (HttpMethods.IsGet(request.Method) && IsMutation(graphQLRequest))
        {
            http.Response.Headers.Allow = "POST";
            await WriteResult(http, mediaType, StatusCodes.Status405MethodNotAllowed,
                ExecutionResult.RequestError(new GraphQLError("Mutations cannot be sent with GET; use POST.").WithCode("BAD_REQUEST")));
            return;
        }

        if (Streaming.ServerSentEvents.IsRequested(request))
        {
            await Streaming.ServerSentEvents.StreamAsync(http, executor, graphQLRequest);
            return;
        }

        var result = await ExecuteAsync(http, graphQLRequest);
        await WriteResult(http, mediaType, StatusFor(result, mediaType), result);
    }

    private async Task AcceptWebSocketAsync(HttpContext http)
    {
        if (!http.WebSockets.WebSocketRequestedProtocols.Contains(Streaming.GraphQLWebSocketSession.SubProtocol))
        {
            // The protocol closes such sockets with 4406; refusing the upgrade says the same before it starts.
            http.Response.StatusCode = StatusCodes.Status400BadRequest;
            await http.Response.WriteAsync($"WebSocket clients must ask for the \"{Streaming.GraphQLWebSocketSession.SubProtocol}\" subprotocol.", http.RequestAborted);
            return;
        }

        using var socket = await http.WebSockets.AcceptWebSocketAsync(Streaming.GraphQLWebSocketSession.SubProtocol);
        await new Streaming.GraphQLWebSocketSession(socket, executor, _documents, http, options).RunAsync();
    }

    /// <summary>A JSON array of requests: each executed (concurrently), answered as a JSON array in the same order.</summary>
    private async Task HandleBatchAsync(HttpContext http, string mediaType, JsonElement batch)
    {
        var count = batch.GetArrayLength();
        if (options.MaxBatchSize <= 0 || count > options.MaxBatchSize || count == 0)
        {
            var message = options.MaxBatchSize <= 0
                ? "Batched requests (a JSON array) are not accepted here; send one JSON object per request."
                : count == 0 ? "The batch is empty: send at least one request." : $"The batch holds {count} requests; the limit is {options.MaxBatchSize}.";
            await WriteResult(http, mediaType, StatusCodes.Status400BadRequest, ExecutionResult.RequestError(new GraphQLError(message).WithCode("BAD_REQUEST")));
            return;
        }

        var results = await Task.WhenAll(batch.EnumerateArray().Select(async element =>
        {
            try
            {
                var (resolved, refusal) = await _documents.ResolveAsync(HttpRequestParser.FromJson(element), http.RequestServices, http.RequestAborted);
                return refusal ?? await ExecuteAsync(http, resolved!);
            }
            catch (RequestFormatException e)
            {
                return ExecutionResult.RequestError(new GraphQLError(e.Message).WithCode("BAD_REQUEST"));
            }
        }));
        http.Response.StatusCode = StatusCodes.Status200OK;
        http.Response.ContentType = mediaType + "; charset=utf-8";
        await using var writer = new Utf8JsonWriter(http.Response.Body, ResultJsonWriter.WriterOptions);
        writer.WriteStartArray();
        foreach (var result in results)
            ResultJsonWriter.Write(writer, result);
        writer.WriteEndArray();
        await writer.FlushAsync(http.RequestAborted);
    }

    private async Task<ExecutionResult> ExecuteAsync(HttpContext http, GraphQLRequest request)
    {
        var result = await executor.ExecuteAsync(request, http.RequestServices, http.RequestAborted);
        if (options.OnRequestWork is { } report && result.Work is { } work)
            await report(http, work);
        return result;
    }

    private ExecutionResult TooLarge() =>
        ExecutionResult.RequestError(new GraphQLError($"The request body exceeds the limit of {options.MaxRequestBytes} bytes.").WithCode("REQUEST_TOO_LARGE"));

    private async Task<JsonDocument?> ReadBodyAsync(HttpContext http)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await http.Request.Body.ReadAsync(chunk, http.RequestAborted)) > 0)
        {
            if (buffer.Length + read > options.MaxRequestBytes)
                return null;
            buffer.Write(chunk, 0, read);
        }

        if (buffer.Length == 0)
            throw new RequestFormatException("The POST request has no body: send a JSON object with a \"query\" string.");
        return JsonDocument.Parse(buffer.ToArray());
    }

    private bool IsMutation(GraphQLRequest request)
    {
        if (string.IsNullOrWhiteSpace(request.Query))
            return false;
        var (document, _) = executor.Prepare(request.Query);
        var operation = document?.GetOperation(request.OperationName, out _);
        if (operation is not null)
            return operation.Operation == OperationType.Mutation;
        try
        {
            // Invalid documents still must not run a mutation over GET; look at the raw operation kind.
            var parsed = Parser.Parse(request.Query, executor.Options.Parser);
            var operations = parsed.Definitions.OfType<OperationDefinitionNode>().ToList();
            var chosen = request.OperationName is null ? operations.FirstOrDefault() : operations.FirstOrDefault(o => o.Name?.Value == request.OperationName);
            return chosen is { Operation: OperationType.Mutation };
        }
        catch (GraphQLSyntaxException)
        {
            return false;
        }
    }

    private static int StatusFor(ExecutionResult result, string mediaType)
    {
        var code = !result.HasData && result.Errors is [{ Extensions: { } extensions }, ..] ? extensions.GetValueOrDefault("code") as string : null;
        if (code is "TOO_MANY_REQUESTS")
            return StatusCodes.Status503ServiceUnavailable;

        // Malformed request parameters (no query, unknown operation) are HTTP-level errors whatever the media type.
        if (code is "BAD_REQUEST")
            return StatusCodes.Status400BadRequest;
        if (mediaType == MediaTypes.Json || result.HasData)
            return StatusCodes.Status200OK;
        return StatusCodes.Status400BadRequest;
    }

    private static bool IsJsonContent(string? contentType)
    {
        if (string.IsNullOrEmpty(contentType))
            return false;
        var mediaType = contentType.Split(';')[0].Trim();
        return mediaType.Equals(MediaTypes.Json, StringComparison.OrdinalIgnoreCase)
            || mediaType.Equals(MediaTypes.GraphQLResponse, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Picks the response media type from Accept; null when the client accepts neither JSON type.</summary>
    internal static string? Negotiate(HttpRequest request)
    {
        var accept = request.Headers.Accept.ToString();
        if (string.IsNullOrWhiteSpace(accept))
            return MediaTypes.Json;
        string? best = null;
        foreach (var part in accept.Split(','))
        {
            var media = part.Split(';')[0].Trim().ToLowerInvariant();
            if (media == MediaTypes.GraphQLResponse)
                return MediaTypes.GraphQLResponse;
            if (media == MediaTypes.Json)
                best ??= MediaTypes.Json;
            // graphql-over-http: until the "watershed", a client that accepts anything gets the legacy application/json.
            if (media is "*/*" or "application/*")
                best ??= MediaTypes.Json;
        }

        return best;
    }

    internal static async Task WriteResult(HttpContext http, string mediaType, int status, ExecutionResult result)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = mediaType + "; charset=utf-8";
        await using var writer = new Utf8JsonWriter(http.Response.Body, ResultJsonWriter.WriterOptions);
        ResultJsonWriter.Write(writer, result);
        await writer.FlushAsync(http.RequestAborted);
    }

    private static async Task WritePlainError(HttpContext http, int status, string message)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = "text/plain; charset=utf-8";
        await http.Response.WriteAsync(message, http.RequestAborted);
    }
}

using System.Net;

namespace EndToEnd.Tests.Telemetry;

/// <summary>
/// A tiny OTLP/HTTP collector on 127.0.0.1 (http/protobuf): keeps every span POSTed to /v1/traces and the
/// service names of every /v1/metrics request, and answers 200 with an empty ExportServiceResponse. Anything
/// else it receives (such as a POST to the root, which an exporter without the signal path would send) is noted
/// and refused, so the tests can see it.
/// </summary>
public sealed class OtlpCollector : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Task _serving;
    private readonly Lock _lock = new();
    private readonly List<CollectedSpan> _spans = [];
    private readonly List<string> _metricServices = [];
    private readonly List<string> _refused = [];

    public OtlpCollector()
    {
        Endpoint = new Uri($"http://127.0.0.1:{AppHostProcess.FreePort()}");
        _listener.Prefixes.Add($"{Endpoint}");
        _listener.Start();
        _serving = ServeAsync();
    }

    /// <summary>The value for OTEL_EXPORTER_OTLP_ENDPOINT (signal paths are appended by the exporter's user).</summary>
    public Uri Endpoint { get; }

    public IReadOnlyList<CollectedSpan> Spans { get { lock (_lock) return [.. _spans]; } }

    /// <summary>service.name of each resource in each metrics export, in arrival order.</summary>
    public IReadOnlyList<string> MetricServices { get { lock (_lock) return [.. _metricServices]; } }

    /// <summary>Requests that were not an OTLP/HTTP protobuf export, as "METHOD path content-type: reason".</summary>
    public IReadOnlyList<string> Refused { get { lock (_lock) return [.. _refused]; } }

    /// <summary>Polls until <paramref name="done"/> holds for the spans collected so far, or the timeout passes.</summary>
    public async Task<IReadOnlyList<CollectedSpan>> WaitForSpansAsync(Func<IReadOnlyList<CollectedSpan>, bool> done, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var spans = Spans;
            if (done(spans) || DateTime.UtcNow >= deadline)
                return spans;
            await Task.Delay(100);
        }
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return; // stopped
            }
            // Every service exports on its own schedule; one slow request must not hold up the others.
            _ = Task.Run(() => HandleAsync(context));
        }
    }

    private async Task HandleAsync(HttpListenerContext context)
    {
        var request = context.Request;
        var response = context.Response;
        try
        {
            using var body = new MemoryStream();
            await request.InputStream.CopyToAsync(body);
            var path = request.Url?.AbsolutePath;
            var protobuf = request.ContentType?.StartsWith("application/x-protobuf", StringComparison.OrdinalIgnoreCase) == true;
            if (request.HttpMethod == "POST" && protobuf && path is "/v1/traces" or "/v1/metrics")
            {
                var spans = path == "/v1/traces" ? OtlpDecoder.Spans(body.GetBuffer().AsSpan(0, (int)body.Length)) : null;
                var services = path == "/v1/metrics" ? OtlpDecoder.ServiceNames(body.GetBuffer().AsSpan(0, (int)body.Length)) : null;
                lock (_lock)
                {
                    _spans.AddRange(spans ?? []);
                    _metricServices.AddRange(services ?? []);
                }
                // An empty ExportTraceServiceResponse (no partial_success) is zero bytes.
                response.StatusCode = 200;
                response.ContentType = "application/x-protobuf";
            }
            else
            {
                Refuse($"{request.HttpMethod} {path} {request.ContentType}: not an OTLP/HTTP protobuf export");
                response.StatusCode = 404;
            }
        }
        catch (Exception e) when (e is FormatException or IndexOutOfRangeException or ArgumentOutOfRangeException or OverflowException)
        {
            Refuse($"{request.HttpMethod} {request.Url?.AbsolutePath}: undecodable protobuf ({e.Message})");
            response.StatusCode = 400;
        }
        catch (HttpListenerException)
        {
            return; // the exporter gave up on this request
        }
        response.Close();
    }

    private void Refuse(string reason)
    {
        lock (_lock)
            _refused.Add(reason);
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        await _serving;
    }
}

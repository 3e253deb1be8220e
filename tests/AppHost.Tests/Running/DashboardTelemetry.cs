using System.Net;
using System.Text.Json.Nodes;

namespace AppHost.Tests.Running;

/// <summary>One span as the dashboard's telemetry API returns it (OTLP JSON), with the service that sent it.</summary>
public sealed record DashboardSpan(string Service, string Scope, int Kind, string Name, string TraceId, string SpanId, string? ParentSpanId)
{
    public const int ServerKind = 2;

    public override string ToString() => $"{Service} | {Scope} | kind {Kind} | {Name} | {SpanId} <- {ParentSpanId}";
}

/// <summary>Reads traces from the dashboard's telemetry API (<c>/api/telemetry</c>, with its API key).</summary>
public sealed class DashboardTelemetry(Uri dashboard, string apiKey) : IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = dashboard };

    /// <summary>Every span of the trace the dashboard has received so far (none while it knows no such trace).</summary>
    public async Task<IReadOnlyList<DashboardSpan>> TraceAsync(string traceId)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/telemetry/traces/{traceId}") { Headers = { { "x-api-key", apiKey } } };
        using var response = await _http.SendAsync(request);
        if (response.StatusCode == HttpStatusCode.NotFound)
            return [];
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"the telemetry API answered {(int)response.StatusCode}: {body}");
        return Spans(JsonNode.Parse(body)!);
    }

    private static List<DashboardSpan> Spans(JsonNode response) =>
        [.. from resourceSpans in response["data"]?["resourceSpans"]?.AsArray() ?? []
            let service = ServiceName(resourceSpans!)
            from scopeSpans in resourceSpans!["scopeSpans"]?.AsArray() ?? []
            let scope = (string?)scopeSpans!["scope"]?["name"] ?? ""
            from span in scopeSpans!["spans"]?.AsArray() ?? []
            select new DashboardSpan(
                service, scope, (int?)span!["kind"] ?? 0, (string?)span["name"] ?? "",
                (string)span["traceId"]!, (string)span["spanId"]!, (string?)span["parentSpanId"] is { Length: > 0 } parent ? parent : null)];

    private static string ServiceName(JsonNode resourceSpans) =>
        (resourceSpans["resource"]?["attributes"]?.AsArray() ?? [])
            .Where(a => (string?)a!["key"] == "service.name")
            .Select(a => (string?)a!["value"]?["stringValue"])
            .FirstOrDefault() ?? "";

    public void Dispose() => _http.Dispose();
}

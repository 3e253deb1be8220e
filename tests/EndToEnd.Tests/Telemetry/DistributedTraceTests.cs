using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;

namespace EndToEnd.Tests.Telemetry;

/// <summary>
/// The real system exports its traces and metrics over OTLP/HTTP from every process, and one request through the
/// gateway is one trace across processes: W3C trace context is carried gateway → GraphQL service → customer silo.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class DistributedTraceTests(TelemetrySystemFixture system) : IClassFixture<TelemetrySystemFixture>
{
    private const string SiloPrefix = "customer-silo-";
    private const string Orleans = "Microsoft.Orleans.Application";
    private static readonly string[] Services = ["gateway", "graphql", "campaigns", SiloPrefix + "1"];
    private static readonly TimeSpan ExportWait = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_request_through_the_gateway_is_one_trace_from_the_caller_through_graphql_to_the_silo()
    {
        var tenant = await system.Client.SignUpAsync("Traced Ltd");
        var traceId = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var callerSpanId = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));

        // Flags 01 (sampled): the services sample parent-based, so an unsampled caller would get no spans at all.
        await CreateCustomerAsync(tenant.ApiKey, $"00-{traceId}-{callerSpanId}-01");

        // Each process exports on its own schedule: wait until the whole chain has arrived (or the time is up).
        List<CollectedSpan> Trace(IReadOnlyList<CollectedSpan> all) => [.. all.Where(s => s.TraceId == traceId)];
        var spans = await system.Collector.WaitForSpansAsync(
            all => Trace(all) is var t && SiloCreateSpan(t) is { } silo && PathToCaller(t, silo, callerSpanId) is not null, ExportWait);
        var trace = Trace(spans);
        var dump = Describe(trace, callerSpanId);

        Assert.True(trace.Any(s => s.Service == "gateway"), $"no gateway span in the trace\n{dump}");
        Assert.True(trace.Any(s => s.Service == "graphql"), $"no graphql span in the trace\n{dump}");
        Assert.True(trace.Any(s => s.Service.StartsWith(SiloPrefix, StringComparison.Ordinal)), $"no silo span in the trace\n{dump}");

        // The chain from the silo's span for the grain call back to the caller, one hop a line:
        //   customer silo  Microsoft.Orleans.Application  Server  "ICustomerGrain/CreateAsync"  the grain call, parent from Orleans' request context
        //   graphql        Microsoft.Orleans.Application  Client  "ICustomerGrain/CreateAsync"  the Orleans client's call
        //   graphql        GraphQL.Engine        Internal  "mutation <name>"     the engine's operation (createCustomer is not marked LeavesProcess, so no resolve span)
        //   graphql        Microsoft.AspNetCore  Server    HttpRequestIn         parent from the traceparent YARP sent
        //   gateway        System.Net.Http       Client    "POST"                YARP's forwarding request (HttpClient's own span)
        //   gateway        Microsoft.AspNetCore  Server    HttpRequestIn         parent from the caller's traceparent
        // Beside it, same trace: the gateway's API key check (gateway Client "ITenantGrain/VerifyApiKeyAsync" → silo Server)
        // and the service's persisted-document settings read (graphql Client "IPersistedDocumentsGrain/GetSettingsAsync" → silo Server).
        var leaf = SiloCreateSpan(trace);
        Assert.True(leaf is not null, $"no silo server span for ICustomerGrain/CreateAsync in the trace\n{dump}");
        var path = PathToCaller(trace, leaf, callerSpanId);
        Assert.True(path is not null, $"the silo's span does not lead back to the caller's span {callerSpanId}\n{dump}");
        string[] expected =
        [
            $"customer-silo | {Orleans} | Server | ICustomerGrain/CreateAsync",
            $"graphql | {Orleans} | Client | ICustomerGrain/CreateAsync",
            "graphql | GraphQL.Engine | Internal | mutation CreateTraced",
            "graphql | Microsoft.AspNetCore | Server",
            "gateway | System.Net.Http | Client",
            "gateway | Microsoft.AspNetCore | Server",
        ];
        var actual = path.Select(Hop).ToArray();
        Assert.True(expected.SequenceEqual(actual), $"expected the path\n  {string.Join("\n  ", expected)}\nbut it was\n  {string.Join("\n  ", actual)}\n{dump}");

        // One tree: every span hangs from another span of the trace or from the caller, none from a context that was lost.
        var ids = trace.Select(s => s.SpanId).Append(callerSpanId).ToHashSet();
        Assert.True(trace.All(s => s.ParentSpanId is { } parent && ids.Contains(parent)), $"a span of the trace has an unknown parent\n{dump}");
    }

    [Fact]
    public async Task Every_service_exports_traces_and_metrics_to_the_signal_paths_of_the_OTLP_endpoint()
    {
        // The AppHost's readiness probes alone give every service server spans; metrics leave every second.
        var deadline = DateTime.UtcNow + ExportWait;
        while (DateTime.UtcNow < deadline && !Services.All(s => system.Collector.Spans.Any(x => x.Service == s) && system.Collector.MetricServices.Contains(s)))
            await Task.Delay(100);

        var refused = $"requests the collector refused: [{string.Join(", ", system.Collector.Refused.Distinct())}]";
        foreach (var service in Services)
        {
            Assert.True(system.Collector.Spans.Any(s => s.Service == service), $"{service} exported no span; {refused}");
            Assert.True(system.Collector.MetricServices.Contains(service), $"{service} exported no metrics; {refused}");
        }
        // An exporter given the endpoint as it is would POST to the collector's root, which is refused and noted here.
        Assert.Empty(system.Collector.Refused);
    }

    private async Task CreateCustomerAsync(string apiKey, string traceParent)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql")
        {
            Content = JsonContent.Create(new
            {
                query = """mutation CreateTraced { createCustomer(input: {name: "Ada", email: "ada@example.com"}) { customer { id } } }""",
            }),
        };
        request.Headers.Authorization = new("Bearer", apiKey);
        request.Headers.TryAddWithoutValidation("traceparent", traceParent);
        using var response = await system.Client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK && !body.Contains("\"errors\"", StringComparison.Ordinal), body);
    }

    private static CollectedSpan? SiloCreateSpan(IReadOnlyList<CollectedSpan> trace) => trace.FirstOrDefault(s =>
        s.Service.StartsWith(SiloPrefix, StringComparison.Ordinal) && s is { Scope: Orleans, Kind: SpanKind.Server, Name: "ICustomerGrain/CreateAsync" });

    /// <summary>The spans from <paramref name="leaf"/> up to the one whose parent is the caller's, or null if the chain breaks.</summary>
    private static List<CollectedSpan>? PathToCaller(IReadOnlyList<CollectedSpan> trace, CollectedSpan leaf, string callerSpanId)
    {
        // An exporter that retried a batch may have sent a span twice.
        var byId = trace.DistinctBy(s => s.SpanId).ToDictionary(s => s.SpanId);
        var path = new List<CollectedSpan>();
        for (var span = leaf; ;)
        {
            path.Add(span);
            if (span.ParentSpanId == callerSpanId)
                return path;
            if (span.ParentSpanId is not { } parent || !byId.TryGetValue(parent, out var next) || path.Count > byId.Count)
                return null;
            span = next;
        }
    }

    /// <summary>A hop as the assertion names it: the silo's number and the framework's generic span names left out.</summary>
    private static string Hop(CollectedSpan span)
    {
        var service = span.Service.StartsWith(SiloPrefix, StringComparison.Ordinal) ? "customer-silo" : span.Service;
        var named = span.Scope is Orleans or "GraphQL.Engine";
        return named ? $"{service} | {span.Scope} | {span.Kind} | {span.Name}" : $"{service} | {span.Scope} | {span.Kind}";
    }

    private static string Describe(IReadOnlyList<CollectedSpan> trace, string callerSpanId) =>
        $"caller span {callerSpanId}; the trace's spans (service | scope | kind | name | span <- parent):\n  " + string.Join("\n  ", trace);
}

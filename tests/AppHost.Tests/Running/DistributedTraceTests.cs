using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;

namespace AppHost.Tests.Running;

/// <summary>
/// Every service sends its traces to the dashboard, and one GraphQL mutation through the gateway is one trace across
/// processes there: W3C trace context is carried gateway → GraphQL service → customer silo.
/// </summary>
[Collection(RunningAppCollection.Name)]
public sealed class DistributedTraceTests(RunningApp app)
{
    private const string SiloPrefix = "customer-silo-";
    private static readonly TimeSpan ExportPatience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_mutation_through_the_gateway_is_one_trace_in_the_dashboard_from_the_caller_through_graphql_to_a_silo()
    {
        using var crm = new CrmCalls(app.Gateway);
        var apiKey = await crm.SignUpAsync("Traced Ltd");
        var traceId = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var callerSpanId = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));

        // Flags 01 (sampled): the services sample parent-based, so an unsampled caller would get no spans at all.
        await CreateCustomerAsync(apiKey, $"00-{traceId}-{callerSpanId}-01");

        // Each process exports on its own schedule: wait until the whole chain has arrived (or the time is up).
        using var telemetry = new DashboardTelemetry(new Uri(app.DashboardLogin().GetLeftPart(UriPartial.Authority)), app.DashboardApiKey);
        IReadOnlyList<DashboardSpan> trace = [];
        List<DashboardSpan>? path = null;
        var deadline = DateTime.UtcNow + ExportPatience;
        while (path is null && DateTime.UtcNow < deadline)
        {
            trace = await telemetry.TraceAsync(traceId);
            // Other silo calls share the trace (the gateway's API key check, graphql's settings read, the plan's
            // customer count): the chain wanted is the customer grain's call, as Orleans' activity propagation names
            // it, through the engine's operation span.
            path = trace.Where(span => IsSiloServerSpan(span) && span.Name == "ICustomerGrain/CreateAsync")
                .Select(leaf => PathToCaller(trace, leaf, callerSpanId))
                .FirstOrDefault(p => p is not null && p.Any(IsTheMutation));
            if (path is null)
                await Task.Delay(250);
        }
        var dump = $"caller span {callerSpanId}; the trace's spans:\n  {string.Join("\n  ", trace)}";

        Assert.True(path is not null, $"no ICustomerGrain/CreateAsync span of a silo leads back to the caller through the mutation's span within {ExportPatience}\n{dump}");
        Assert.True(Services(path).SequenceEqual(["customer-silo", "graphql", "gateway"]), $"the chain passes {string.Join(" → ", Services(path))}\n{dump}");
        // One tree: every span hangs from another span of the trace or from the caller, none from a context that was lost.
        var ids = trace.Select(s => s.SpanId).Append(callerSpanId).ToHashSet();
        Assert.True(trace.All(s => s.ParentSpanId is { } parent && ids.Contains(parent)), $"a span of the trace has an unknown parent\n{dump}");
    }

    private async Task CreateCustomerAsync(string apiKey, string traceParent)
    {
        using var http = new HttpClient { BaseAddress = app.Gateway };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql")
        {
            Content = JsonContent.Create(new
            {
                query = """mutation CreateTraced { createCustomer(input: {name: "Ada", email: "ada@example.com"}) { customer { id } } }""",
            }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        request.Headers.TryAddWithoutValidation("traceparent", traceParent);
        using var response = await http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK && !body.Contains("\"errors\"", StringComparison.Ordinal), body);
    }

    private static bool IsTheMutation(DashboardSpan span) => span.Service == "graphql" && span.Name == "mutation CreateTraced";

    /// <summary>The services a chain passes, from the silo up to the caller; several spans of one service count once.</summary>
    private static List<string> Services(List<DashboardSpan> path) =>
        path.Select(s => s.Service.StartsWith(SiloPrefix, StringComparison.Ordinal) ? "customer-silo" : s.Service)
            .Aggregate(new List<string>(), (hops, service) =>
            {
                if (hops.Count == 0 || hops[^1] != service)
                    hops.Add(service);
                return hops;
            });

    private static bool IsSiloServerSpan(DashboardSpan span) =>
        span.Service.StartsWith(SiloPrefix, StringComparison.Ordinal) && span.Kind == DashboardSpan.ServerKind;

    /// <summary>The spans from <paramref name="leaf"/> up to the one whose parent is the caller's, or null if the chain breaks.</summary>
    private static List<DashboardSpan>? PathToCaller(IReadOnlyList<DashboardSpan> trace, DashboardSpan leaf, string callerSpanId)
    {
        var byId = trace.DistinctBy(s => s.SpanId).ToDictionary(s => s.SpanId);
        var path = new List<DashboardSpan>();
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
}

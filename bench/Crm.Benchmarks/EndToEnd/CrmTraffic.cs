using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Crm.Benchmarks.EndToEnd;

/// <summary>
/// What many tenants' programs do through the gateway: sign up, then create customers and read them by id over
/// GraphQL. Every answer is checked: a status other than 200, GraphQL errors or the wrong customer throw.
/// </summary>
internal sealed class CrmTraffic(HttpClient http) : IDisposable
{
    private const string Create = "mutation($i: CreateCustomerInput!) { createCustomer(input: $i) { customer { id name email } } }";
    private const string Read = "query($id: ID!) { customer(id: $id) { id name email } }";

    /// <summary>One in this many mixed operations is a createCustomer; the rest are reads.</summary>
    private const int CreateEvery = 5;

    private readonly List<Tenant> _tenants = [];

    private sealed record Tenant(string ApiKey, string[] CustomerIds);

    public static CrmTraffic For(Uri gateway) => new(Http.Client(gateway));

    public int Tenants => _tenants.Count;

    /// <summary>Signs up <paramref name="tenants"/> tenants and gives each <paramref name="customersEach"/> customers to read.</summary>
    public async Task SeedAsync(int tenants, int customersEach)
    {
        var run = Guid.NewGuid().ToString("N")[..6];
        for (var t = 0; t < tenants; t++)
        {
            using var response = await http.PostAsJsonAsync("/api/tenants",
                new { companyName = $"Bench {run} {t}", adminEmail = $"admin{t}@bench.example", password = "correct horse battery", plan = "enterprise" }).ConfigureAwait(false);
            var body = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
            if (response.StatusCode != HttpStatusCode.Created)
                throw new InvalidOperationException($"Sign-up answered {(int)response.StatusCode}: {body}. If 429, the AppHost needs Gateway__SignupsPerMinutePerAddress raised.");
            var apiKey = (string?)JsonNode.Parse(body)?["apiKey"] ?? throw new InvalidOperationException($"Sign-up answered without an apiKey: {body}");
            var ids = new string[customersEach];
            for (var c = 0; c < customersEach; c++)
                ids[c] = await CreateAsync(apiKey, t, c).ConfigureAwait(false);
            _tenants.Add(new Tenant(apiKey, ids));
        }
    }

    /// <summary>A create or a read, spread over every tenant by caller and sequence.</summary>
    public Task MixedAsync(int caller, long sequence)
    {
        var tenant = _tenants[(int)((caller + sequence) % _tenants.Count)];
        if (sequence % CreateEvery == 0)
            return CreateAsync(tenant.ApiKey, caller, sequence);
        var id = tenant.CustomerIds[(int)((sequence * 7 + caller) % tenant.CustomerIds.Length)];
        return ReadAsync(tenant.ApiKey, id);
    }

    private async Task<string> CreateAsync(string apiKey, long a, long b)
    {
        var data = await GraphQLAsync(apiKey, Create, new { i = new { name = $"Customer {a}-{b}", email = $"c{a}-{b}@bench.example" } }).ConfigureAwait(false);
        return (string?)data["createCustomer"]?["customer"]?["id"] ?? throw new InvalidDataException($"createCustomer answered no id: {data.ToJsonString()}");
    }

    private async Task ReadAsync(string apiKey, string id)
    {
        var data = await GraphQLAsync(apiKey, Read, new { id }).ConfigureAwait(false);
        if ((string?)data["customer"]?["id"] != id)
            throw new InvalidDataException($"customer(id: {id}) answered {data.ToJsonString()}");
    }

    private async Task<JsonNode> GraphQLAsync(string apiKey, string query, object variables)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = JsonContent.Create(new { query, variables }) };
        request.Headers.Accept.Add(GraphQLResponse);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        using var response = await http.SendAsync(request).ConfigureAwait(false);
        var body = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.OK)
            throw new InvalidDataException($"/graphql answered {(int)response.StatusCode}: {body}");
        JsonNode? json;
        try
        {
            json = JsonNode.Parse(body);
        }
        catch (JsonException)
        {
            throw new InvalidDataException($"/graphql answered non-JSON: {body}");
        }
        if (json?["errors"] is not null || json?["data"] is not JsonNode data)
            throw new InvalidDataException($"/graphql answered errors: {body}");
        return data;
    }

    private static readonly MediaTypeWithQualityHeaderValue GraphQLResponse = new("application/graphql-response+json");

    public void Dispose() => http.Dispose();
}

internal static class Http
{
    /// <summary>
    /// Keep-alive connections the load generator opens at most, as a fleet of API clients holds pools of them. The
    /// closed loop uses one per caller; the open loop queues requests in the client once all are busy (their waiting
    /// counts in their latency), where an unbounded pool turned a backlog into thousands of new connections and
    /// "An error occurred while sending the request".
    /// </summary>
    private const int Connections = 256;

    public static HttpClient Client(Uri address) => new(new SocketsHttpHandler
    {
        MaxConnectionsPerServer = Connections,
        PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
        UseProxy = false,
    })
    {
        BaseAddress = address,
        Timeout = TimeSpan.FromSeconds(30),
    };
}

using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace EndToEnd.Tests;

/// <summary>What a tenant's program does over HTTP: sign up, then call GraphQL with its API key.</summary>
public sealed class CrmClient(Uri gateway) : IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = gateway, Timeout = TimeSpan.FromSeconds(60) };

    public sealed record Tenant(string TenantId, string Slug, string ApiKey);

    public async Task<Tenant> SignUpAsync(string companyName, string adminEmail = "admin@example.com", string password = "correct horse battery", string plan = "enterprise")
    {
        using var response = await _http.PostAsJsonAsync("/api/tenants", new { companyName, adminEmail, password, plan });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"sign-up answered {(int)response.StatusCode}: {body}");
        var json = JsonNode.Parse(body)!;
        return new Tenant((string)json["tenantId"]!, (string)json["slug"]!, (string)json["apiKey"]!);
    }

    public Task<HttpResponseMessage> PostRawAsync(string path, object body) => _http.PostAsJsonAsync(path, body);

    public Task<(HttpStatusCode Status, JsonNode Body)> GraphQLAsync(string? apiKey, string query, object? variables = null) =>
        GraphQLRequestAsync(apiKey, new { query, variables });

    /// <summary>A GraphQL request of any shape (a persisted <c>documentId</c>, say), posted as JSON.</summary>
    public Task<(HttpStatusCode Status, JsonNode Body)> GraphQLRequestAsync(string? apiKey, object body) =>
        SendJsonAsync(HttpMethod.Post, "/graphql", apiKey, body, "application/graphql-response+json");

    /// <summary>Sends JSON (or nothing) with the tenant's key and returns the status and the JSON answer (empty when there is none).</summary>
    public async Task<(HttpStatusCode Status, JsonNode Body)> SendJsonAsync(
        HttpMethod method, string path, string? apiKey, object? body = null, string accept = "application/json")
    {
        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(accept));
        if (apiKey is not null)
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        using var response = await _http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        if (text.Length == 0)
            return (response.StatusCode, new JsonObject());
        try
        {
            return (response.StatusCode, JsonNode.Parse(text)!);
        }
        catch (JsonException)
        {
            throw new Xunit.Sdk.XunitException($"{method} {path} answered {(int)response.StatusCode} with non-JSON: {text}");
        }
    }

    /// <summary>A GraphQL request whose whole response (status, headers) the caller reads; the caller disposes it.</summary>
    public Task<HttpResponseMessage> SendRawGraphQLAsync(string apiKey, string query)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = JsonContent.Create(new { query }) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        return _http.SendAsync(request);
    }

    public Task<HttpResponseMessage> GetAsync(string path) => _http.GetAsync(path);

    public Task<HttpResponseMessage> SendAsync(HttpRequestMessage request) => _http.SendAsync(request);

    public void Dispose() => _http.Dispose();
}

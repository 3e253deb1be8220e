using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace AppHost.Tests.Running;

/// <summary>A tenant's program through the gateway: sign up, write a customer, read one back.</summary>
public sealed class CrmCalls(Uri gateway) : IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = gateway, Timeout = TimeSpan.FromSeconds(60) };

    public async Task<string> SignUpAsync(string companyName)
    {
        using var response = await _http.PostAsJsonAsync("/api/tenants", new { companyName, adminEmail = "admin@example.com", password = "correct horse battery", plan = "enterprise" });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"sign-up answered {(int)response.StatusCode}: {body}");
        return (string)JsonNode.Parse(body)!["apiKey"]!;
    }

    /// <summary>The new customer's id, or null with the reason when the write failed in any way.</summary>
    public async Task<(string? Id, string? Failure)> CreateCustomerAsync(string apiKey, string name)
    {
        var (status, body) = await GraphQLAsync(apiKey,
            "mutation($i: CreateCustomerInput!) { createCustomer(input: $i) { customer { id } } }",
            new { i = new { name, email = "someone@example.com" } });
        return status == HttpStatusCode.OK && body?["errors"] is null && body?["data"]?["createCustomer"]?["customer"]?["id"] is { } id
            ? ((string)id!, null)
            : (null, $"{(int)status}: {body?.ToJsonString()}");
    }

    public async Task<string?> ReadNameAsync(string apiKey, string id)
    {
        var (_, body) = await GraphQLAsync(apiKey, "query($id: ID!) { customer(id: $id) { name } }", new { id });
        return (string?)body?["data"]?["customer"]?["name"];
    }

    private async Task<(HttpStatusCode, JsonNode?)> GraphQLAsync(string apiKey, string query, object variables)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = JsonContent.Create(new { query, variables }) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        try
        {
            using var response = await _http.SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();
            return (response.StatusCode, text.Length > 0 ? JsonNode.Parse(text) : null);
        }
        catch (HttpRequestException e)
        {
            return (0, JsonValue.Create(e.Message));
        }
    }

    public void Dispose() => _http.Dispose();
}

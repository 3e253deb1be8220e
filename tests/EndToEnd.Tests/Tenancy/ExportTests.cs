using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;

namespace EndToEnd.Tests.Tenancy;

/// <summary>Item 8 of issue 12: all of a tenant's data as JSON and CSV, for its admins and for operators, and nothing of another tenant's.</summary>
[Collection(SystemCollection.Name)]
public sealed class ExportTests(SystemFixture system) : IClassFixture<SystemFixture>
{
    private const string Create = "mutation($i: CreateCustomerInput!) { createCustomer(input: $i) { customer { id } errors { message } } }";
    private const string Order = "mutation($i: RecordOrderInput!) { recordOrder(input: $i) { order { id } errors { message } } }";
    private const string CreateKey = "mutation($i: CreateApiKeyInput!) { createApiKey(input: $i) { key errors { message } } }";

    private CrmClient Client => system.Client;

    [Fact]
    public async Task An_admin_exports_every_customer_whole_the_people_keys_and_audit_and_no_secret()
    {
        var tenant = await Client.SignUpAsync("Exported Ltd", adminEmail: "owner@exported.example");
        var other = await Client.SignUpAsync("Not Exported Ltd");
        var ada = await CreateAsync(tenant.ApiKey, "Ada Lovelace");
        await CreateAsync(tenant.ApiKey, "Grace Hopper");
        await CreateAsync(other.ApiKey, "Someone Else");
        var (_, ordered) = await Client.GraphQLAsync(tenant.ApiKey, Order, new { i = new { customerId = ada, amount = 120.5, currency = "EUR" } });
        Assert.True(ordered["data"]?["recordOrder"]?["order"] is not null, ordered.ToJsonString());
        var (_, key) = await Client.GraphQLAsync(tenant.ApiKey, CreateKey, new { i = new { name = "reporting", scopes = new[] { "READ" } } });
        var readKey = (string)key["data"]!["createApiKey"]!["key"]!;

        using var response = await ExportAsync($"/api/export", tenant.ApiKey);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/zip", response.Content.Headers.ContentType?.MediaType);
        var files = await FilesAsync(response);

        Assert.Equal(["audit.jsonl", "customers.csv", "customers.jsonl", "tenant.json", "usage.json"], files.Keys.Order());
        var customers = Lines(files["customers.jsonl"]).Select(l => JsonNode.Parse(l)!).ToList();
        Assert.Equal(["Ada Lovelace", "Grace Hopper"], customers.Select(c => (string?)c["name"]).Order());
        var exportedAda = Assert.Single(customers, c => (string?)c["name"] == "Ada Lovelace");
        Assert.Equal(120.5m, (decimal)Assert.Single(exportedAda["orders"]!.AsArray())!["amount"]!);
        var csv = Lines(files["customers.csv"]);
        Assert.StartsWith("id,name,email", csv[0]);
        Assert.Equal(1 + 2, csv.Count);
        var about = JsonNode.Parse(files["tenant.json"])!;
        Assert.Equal(tenant.Slug, (string?)about["tenant"]!["slug"]);
        Assert.Equal("owner@exported.example", (string?)Assert.Single(about["users"]!.AsArray())!["email"]);
        Assert.Equal(2, about["apiKeys"]!.AsArray().Count);
        var audit = Lines(files["audit.jsonl"]).Select(l => JsonNode.Parse(l)!).ToList();
        Assert.Equal(2, audit.Count(e => (string?)e["record"]!["operation"] == "createCustomer"));

        var everything = string.Concat(files.Values);
        Assert.DoesNotContain("Someone Else", everything);
        Assert.DoesNotContain(other.TenantId, everything);
        // Neither key's secret, nor the password, nor any hash of them.
        Assert.DoesNotContain(tenant.ApiKey, everything);
        Assert.DoesNotContain(readKey, everything);
        Assert.DoesNotContain("correct horse battery", everything);
        Assert.DoesNotContain("hash", everything, StringComparison.OrdinalIgnoreCase);

        // Only an admin exports: a read key is refused, and so is a caller with no key.
        using var forbidden = await ExportAsync("/api/export", readKey);
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        using var anonymous = await ExportAsync("/api/export", null);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }

    [Fact]
    public async Task An_operator_exports_a_tenant_through_the_gateway_and_the_tenant_sees_who_did()
    {
        var tenant = await Client.SignUpAsync("Operated Ltd");
        await CreateAsync(tenant.ApiKey, "Margaret Hamilton");

        using var refused = await ExportAsync($"/ops/tenants/{tenant.TenantId}/export", tenant.ApiKey);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        using var response = await ExportAsync($"/ops/tenants/{tenant.TenantId}/export", system.OperatorToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var files = await FilesAsync(response);

        Assert.Equal("Margaret Hamilton", (string?)JsonNode.Parse(Assert.Single(Lines(files["customers.jsonl"])))!["name"]);
        using var again = await ExportAsync("/api/export", tenant.ApiKey);
        var audit = Lines((await FilesAsync(again))["audit.jsonl"]).Select(l => JsonNode.Parse(l)!["record"]!).ToList();
        Assert.Contains(audit, e => (string?)e["operation"] == "tenant.export" && (string?)e["actor"] == "operator");
    }

    private async Task<string> CreateAsync(string apiKey, string name)
    {
        var (_, body) = await Client.GraphQLAsync(apiKey, Create, new { i = new { name } });
        return (string?)body["data"]?["createCustomer"]?["customer"]?["id"] ?? throw new InvalidOperationException(body.ToJsonString());
    }

    private Task<HttpResponseMessage> ExportAsync(string path, string? bearer)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (bearer is not null)
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        return Client.SendAsync(request);
    }

    private static async Task<Dictionary<string, string>> FilesAsync(HttpResponseMessage response)
    {
        using var zip = new ZipArchive(new MemoryStream(await response.Content.ReadAsByteArrayAsync()), ZipArchiveMode.Read);
        var files = new Dictionary<string, string>();
        foreach (var entry in zip.Entries)
        {
            using var reader = new StreamReader(entry.Open());
            files[entry.FullName] = await reader.ReadToEndAsync();
        }
        return files;
    }

    private static List<string> Lines(string text) => [.. text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r'))];
}

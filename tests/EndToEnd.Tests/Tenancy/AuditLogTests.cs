using System.Net;
using System.Text.Json.Nodes;

namespace EndToEnd.Tests.Tenancy;

/// <summary>The tenant's audit log through the gateway of one running system: who did what, from where, for admins only.</summary>
[Collection(SystemCollection.Name)]
public sealed class AuditLogTests(SystemFixture system) : IClassFixture<SystemFixture>
{
    private const string CreateKey = "mutation($i: CreateApiKeyInput!) { createApiKey(input: $i) { key apiKey { id prefix } errors { message } } }";
    private const string AuditLog = """
        query($first: Int, $after: String, $actor: String) {
          auditLog(first: $first, after: $after, actor: $actor) {
            edges { cursor node { id at actor operation target outcome reason clientAddress } }
            pageInfo { hasNextPage endCursor }
          }
        }
        """;

    private CrmClient Client => system.Client;

    private async Task<(string Key, string Id, string Prefix)> CreateKeyAsync(string adminKey, string[] scopes)
    {
        var (_, body) = await Client.GraphQLAsync(adminKey, CreateKey, new { i = new { name = "audited key", scopes } });
        var created = body["data"]!["createApiKey"]!;
        Assert.True(created["key"] is not null, body.ToJsonString());
        return ((string)created["key"]!, (string)created["apiKey"]!["id"]!, (string)created["apiKey"]!["prefix"]!);
    }

    private async Task<List<JsonNode>> EntriesAsync(string adminKey, int first = 50, string? actor = null)
    {
        var (status, body) = await Client.GraphQLAsync(adminKey, AuditLog, new { first, actor });
        Assert.True(status == HttpStatusCode.OK && body["errors"] is null, body.ToJsonString());
        return [.. body["data"]!["auditLog"]!["edges"]!.AsArray().Select(e => e!["node"]!)];
    }

    [Fact]
    public async Task An_admin_sees_who_did_what_from_where_and_no_other_tenant_sees_it()
    {
        var tenant = await Client.SignUpAsync("Audited Ltd");
        var other = await Client.SignUpAsync("Unrelated Ltd");
        var (writer, writerId, _) = await CreateKeyAsync(tenant.ApiKey, ["WRITE"]);
        var (revoked, revokedId, revokedPrefix) = await CreateKeyAsync(tenant.ApiKey, ["WRITE"]);
        var (_, created) = await Client.GraphQLAsync(writer, """mutation { createCustomer(input: {name: "Grace Hopper"}) { customer { id } errors { message } } }""");
        Assert.NotNull(created["data"]!["createCustomer"]!["customer"]);
        var (_, notFound) = await Client.GraphQLAsync(writer, """mutation { deleteCustomer(input: {id: "Q3VzdG9tZXI6bm9uZQ"}) { deletedId errors { message } } }""");
        Assert.NotEmpty(notFound["data"]!["deleteCustomer"]!["errors"]!.AsArray());
        await Client.GraphQLAsync(tenant.ApiKey, "mutation($id: ID!) { revokeApiKey(id: $id) { apiKey { revokedAt } } }", new { id = revokedId });
        var (refusedStatus, _) = await Client.GraphQLAsync(revoked, "{ customers(first: 1) { totalCount } }");
        Assert.Equal(HttpStatusCode.Unauthorized, refusedStatus);

        var entries = await EntriesAsync(tenant.ApiKey);

        var create = Assert.Single(entries, e => (string?)e["operation"] == "createCustomer");
        Assert.Equal($"key:{writerId}", (string?)create["actor"]);
        Assert.Equal("OK", (string?)create["outcome"]);
        Assert.False(string.IsNullOrEmpty((string?)create["target"]));
        Assert.Contains("127.0.0.1", (string?)create["clientAddress"]);
        var delete = Assert.Single(entries, e => (string?)e["operation"] == "deleteCustomer");
        Assert.Equal("REFUSED", (string?)delete["outcome"]);
        Assert.Contains("NotFoundError", (string?)delete["reason"]);
        var revocation = Assert.Single(entries, e => (string?)e["operation"] == "revokeApiKey");
        Assert.Equal(revokedId, (string?)revocation["target"]);
        var refused = Assert.Single(entries, e => (string?)e["operation"] == "request.refused");
        Assert.Equal($"key:{revokedPrefix}", (string?)refused["actor"]);
        Assert.Equal("REFUSED", (string?)refused["outcome"]);
        Assert.Contains("127.0.0.1", (string?)refused["clientAddress"]);
        Assert.Equal("tenant.created", (string?)entries[^1]["operation"]);
        // Newest first.
        Assert.Equal("request.refused", (string?)entries[0]["operation"]);

        // The other tenant's admin sees its own sign-up only, and nothing of the first tenant's actors.
        var others = await EntriesAsync(other.ApiKey);
        Assert.Equal(["tenant.created"], others.Select(e => (string?)e["operation"]));
        Assert.Empty(await EntriesAsync(other.ApiKey, actor: $"key:{writerId}"));
    }

    [Fact]
    public async Task A_key_that_is_not_admin_gets_forbidden_and_the_attempt_is_logged_for_mutations()
    {
        var tenant = await Client.SignUpAsync("Guarded Audit Co");
        var (writer, writerId, _) = await CreateKeyAsync(tenant.ApiKey, ["WRITE"]);

        var (_, denied) = await Client.GraphQLAsync(writer, AuditLog, new { first = 5 });
        var (_, forbidden) = await Client.GraphQLAsync(writer, "mutation { updateTenantSettings(input: {}) { errors { message } } }");

        Assert.Equal("FORBIDDEN", (string?)denied["errors"]![0]!["extensions"]!["code"]);
        Assert.Equal("FORBIDDEN", (string?)forbidden["errors"]![0]!["extensions"]!["code"]);
        var attempt = Assert.Single(await EntriesAsync(tenant.ApiKey, actor: $"key:{writerId}"));
        Assert.Equal("updateTenantSettings", (string?)attempt["operation"]);
        Assert.Equal("REFUSED", (string?)attempt["outcome"]);
        Assert.StartsWith("FORBIDDEN", (string?)attempt["reason"]);
    }

    [Fact]
    public async Task Pages_follow_each_other_newest_first_without_repeats()
    {
        var tenant = await Client.SignUpAsync("Paged Audit Co");
        for (var i = 0; i < 5; i++)
            await Client.GraphQLAsync(tenant.ApiKey, $$"""mutation { createCustomer(input: {name: "Customer {{i}}"}) { customer { id } } }""");

        var seen = new List<long>();
        string? after = null;
        do
        {
            var (_, body) = await Client.GraphQLAsync(tenant.ApiKey, AuditLog, new { first = 2, after });
            var page = body["data"]!["auditLog"]!;
            seen.AddRange(page["edges"]!.AsArray().Select(e => long.Parse((string)e!["node"]!["id"]!)));
            after = (bool)page["pageInfo"]!["hasNextPage"]! ? (string?)page["pageInfo"]!["endCursor"] : null;
        }
        while (after is not null);

        Assert.Equal(6, seen.Count); // sign-up and 5 creations
        Assert.Equal(seen.OrderByDescending(id => id), seen);
        Assert.Equal(seen.Count, seen.Distinct().Count());
    }
}

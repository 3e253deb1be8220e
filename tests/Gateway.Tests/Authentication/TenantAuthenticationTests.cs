using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Crm.Contracts.Tenants;
using Crm.Gateway.Authentication;
using Crm.ServiceDefaults.Tenancy;
using Microsoft.Extensions.DependencyInjection;

namespace Gateway.Tests.Authentication;

/// <summary>The gateway's routes and tenant authentication in front of a real upstream that echoes what it received.</summary>
public sealed class TenantAuthenticationTests : IAsyncLifetime
{
    private static readonly ApiKey GoodKey = ApiKey.Create(TenantIds.New());
    private GatewayUnderTest _gateway = null!;

    public async Task InitializeAsync() => _gateway = await GatewayUnderTest.StartAsync(new OnlyThisKey(GoodKey));

    public async Task DisposeAsync() => await _gateway.DisposeAsync();

    private async Task<(HttpStatusCode Status, JsonNode Body)> SendAsync(
        HttpMethod method, string path, string? bearer = null, string? forgedTenant = null, string? accept = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (method != HttpMethod.Get)
            request.Content = new StringContent("{}");
        if (accept is not null)
            request.Headers.Add("Accept", accept);
        if (bearer is not null)
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        if (forgedTenant is not null)
        {
            request.Headers.Add(TenantContextHeaders.TenantId, forgedTenant);
            request.Headers.Add(TenantContextHeaders.Signature, "forged");
        }
        using var response = await _gateway.Client.SendAsync(request);
        return (response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync())!);
    }

    [Fact]
    public async Task Sign_up_is_forwarded_without_a_key_and_without_any_tenant_the_caller_made_up()
    {
        var (status, echo) = await SendAsync(HttpMethod.Post, "/api/tenants", forgedTenant: "someone-else");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("/api/tenants", (string?)echo["path"]);
        Assert.Null(echo["x-crm-tenant"]);
        Assert.Null(echo["x-crm-tenant-signature"]);
    }

    [Theory]
    [InlineData("/graphql")]
    [InlineData("/api/tenants/me")]
    public async Task A_tenant_route_without_a_key_is_refused_before_it_reaches_a_service(string path)
    {
        var (status, body) = await SendAsync(HttpMethod.Post, path);

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal("UNAUTHENTICATED", (string?)body["errors"]![0]!["extensions"]!["code"]);
        Assert.Equal(0, _gateway.Forwarded);
    }

    [Fact]
    public async Task A_browser_may_load_the_IDE_page_without_a_key_but_not_run_a_query()
    {
        var (page, echo) = await SendAsync(HttpMethod.Get, "/graphql", accept: "text/html,application/xhtml+xml");
        Assert.Equal(HttpStatusCode.OK, page);
        Assert.Null(echo["x-crm-tenant"]);

        var (query, _) = await SendAsync(HttpMethod.Get, "/graphql?query={__typename}", accept: "application/graphql-response+json");
        Assert.Equal(HttpStatusCode.Unauthorized, query);
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData("crm_nounderscoreafter")]
    public async Task A_malformed_key_is_refused_with_the_expected_form(string key)
    {
        var (status, body) = await SendAsync(HttpMethod.Post, "/graphql", bearer: key);

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Contains("crm_<tenant>_<secret>", (string?)body["errors"]![0]!["message"]);
    }

    [Fact]
    public async Task A_key_the_verifier_rejects_is_refused()
    {
        var rejected = ApiKey.Create(GoodKey.TenantId);
        var (status, _) = await SendAsync(HttpMethod.Post, "/graphql", bearer: rejected.ToString());

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal(0, _gateway.Forwarded);
        // The tenant's audit log names the key by its shown prefix, never by its secret.
        var (tenantId, entry) = Assert.Single(_gateway.Audit.Entries);
        Assert.Equal((GoodKey.TenantId, "request.refused", $"key:{rejected.DisplayPrefix}", true, "/graphql"), (tenantId, entry.Operation, entry.Actor, entry.Refused, entry.Target));
        Assert.Equal("127.0.0.1", entry.ClientAddress);
    }

    [Fact]
    public async Task A_valid_key_is_forwarded_as_a_signed_tenant_context_and_the_key_itself_stays_at_the_gateway()
    {
        var (status, echo) = await SendAsync(HttpMethod.Post, "/graphql", bearer: GoodKey.ToString(), forgedTenant: "someone-else");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(GoodKey.TenantId, (string?)echo["x-crm-tenant"]);
        Assert.Null(echo["authorization"]);
        Assert.Equal("key:key-1", (string?)echo["x-crm-actor"]);
        Assert.Equal("enterprise", (string?)echo["x-crm-plan"]);
        var signer = _gateway.Services.GetRequiredService<TenantContextSigner>();
        var claims = new TenantClaims(GoodKey.TenantId, "key:key-1", ((string)echo["x-crm-permissions"]!).Split(' '), "enterprise", (string)echo["x-crm-client"]!);
        var stamp = new SignedStamp((string)echo["x-crm-tenant-timestamp"]!, (string)echo["x-crm-tenant-nonce"]!, (string)echo["x-crm-tenant-signature"]!);
        Assert.True(signer.Verify(claims, stamp));
        Assert.False(signer.Verify(claims with { Permissions = [.. claims.Permissions, "extra"] }, stamp));
    }
}

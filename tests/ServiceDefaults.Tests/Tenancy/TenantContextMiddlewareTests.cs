using System.Net;
using Crm.ServiceDefaults.Tenancy;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace ServiceDefaults.Tests.Tenancy;

public sealed class TenantContextMiddlewareTests : IAsyncLifetime
{
    private static readonly string SecretBase64 = Convert.ToBase64String(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());
    private WebApplication _app = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        builder.Configuration[TenantContextSigner.SecretConfigurationKey] = SecretBase64;
        builder.AddTenantContext();
        _app = builder.Build();
        _app.UseTenantContext();
        _app.MapGet("/open", (TenantContext tenant) => tenant.TenantId ?? "anonymous");
        _app.MapGet("/tenant-only", (TenantContext tenant) => tenant.RequireTenantId()).RequireTenant();
        _app.MapGet("/admin-only", (TenantContext tenant) => tenant.RequireTenantId()).RequirePermission("admin");
        _app.MapGet("/page", (TenantContext tenant) => tenant.TenantId ?? "page for anyone")
            .RequireTenant(allowAnonymous: request => request.Query.ContainsKey("page"));
        await _app.StartAsync();
        _client = _app.GetTestClient();
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private HttpRequestMessage Request(string path, string? tenant = null, bool forge = false, string permissions = "read")
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (tenant is null)
            return request;
        var claims = new TenantClaims(tenant, "key:k1", permissions.Split(' '), "free", "127.0.0.1");
        var headers = new HeaderDictionary();
        TenantContextHeaders.Write(headers, claims, _app.Services.GetRequiredService<TenantContextSigner>().Sign(claims));
        foreach (var (name, value) in headers)
            request.Headers.Add(name, value.ToString());
        if (forge)
        {
            request.Headers.Remove(TenantContextHeaders.TenantId);
            request.Headers.Add(TenantContextHeaders.TenantId, tenant + "x");
        }
        return request;
    }

    [Fact]
    public async Task An_endpoint_that_needs_a_permission_refuses_a_caller_without_it_with_403()
    {
        using var refused = await _client.SendAsync(Request("/admin-only", "t1"));
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);

        using var served = await _client.SendAsync(Request("/admin-only", "t1", permissions: "read admin"));
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
    }

    [Fact]
    public async Task The_same_signed_headers_sent_twice_are_refused_the_second_time()
    {
        using var first = Request("/tenant-only", "t1");
        using var replay = new HttpRequestMessage(HttpMethod.Get, "/tenant-only");
        foreach (var header in first.Headers)
            replay.Headers.Add(header.Key, header.Value);

        using var accepted = await _client.SendAsync(first);
        using var refused = await _client.SendAsync(replay);

        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
    }

    [Fact]
    public async Task A_signed_tenant_reaches_the_endpoint()
    {
        using var response = await _client.SendAsync(Request("/tenant-only", "t1"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("t1", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_forged_tenant_is_refused_even_where_anonymous_callers_are_welcome()
    {
        using var response = await _client.SendAsync(Request("/open", "t1", forge: true));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("not signed", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_tenant_only_endpoint_refuses_anonymous_callers_and_an_open_one_serves_them()
    {
        using var refused = await _client.SendAsync(Request("/tenant-only"));
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        using var served = await _client.SendAsync(Request("/open"));
        Assert.Equal("anonymous", await served.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task An_endpoint_may_serve_chosen_requests_anonymously_and_still_refuse_the_rest()
    {
        using var page = await _client.SendAsync(Request("/page?page"));
        Assert.Equal("page for anyone", await page.Content.ReadAsStringAsync());

        using var refused = await _client.SendAsync(Request("/page"));
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);

        using var tenant = await _client.SendAsync(Request("/page", "t1"));
        Assert.Equal("t1", await tenant.Content.ReadAsStringAsync());
    }
}

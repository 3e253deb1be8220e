using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using Crm.Gateway;
using Crm.Gateway.Authentication;
using Crm.ServiceDefaults.Tenancy;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Gateway.Tests;

/// <summary>The gateway's real pipeline on a socket, in front of a real upstream that echoes what it received.</summary>
public sealed class GatewayUnderTest : IAsyncDisposable
{
    public static readonly string Secret = Convert.ToBase64String(Enumerable.Repeat((byte)42, 32).ToArray());

    private readonly WebApplication _upstream;
    private readonly WebApplication _gateway;
    private readonly StrongBox<int> _forwarded;

    private GatewayUnderTest(WebApplication upstream, WebApplication gateway, StrongBox<int> forwarded)
    {
        _upstream = upstream;
        _gateway = gateway;
        _forwarded = forwarded;
        Client = new HttpClient { BaseAddress = new Uri(gateway.Urls.Single()) };
    }

    public HttpClient Client { get; }

    /// <summary>How many requests reached the upstream service.</summary>
    public int Forwarded => Volatile.Read(ref _forwarded.Value);

    public IServiceProvider Services => _gateway.Services;

    public static async Task<GatewayUnderTest> StartAsync(ITenantCredentials credentials, IReadOnlyDictionary<string, string?>? configuration = null)
    {
        var forwarded = new StrongBox<int>();
        var upstream = WebApplication.CreateBuilder();
        upstream.WebHost.UseUrls("http://127.0.0.1:0");
        var upstreamApp = upstream.Build();
        upstreamApp.Run(async http =>
        {
            Interlocked.Increment(ref forwarded.Value);
            var echo = new JsonObject { ["path"] = http.Request.Path.Value };
            foreach (var header in http.Request.Headers)
                echo[header.Key.ToLowerInvariant()] = header.Value.ToString();
            await http.Response.WriteAsync(echo.ToJsonString());
        });
        await upstreamApp.StartAsync();

        var gateway = WebApplication.CreateBuilder();
        gateway.WebHost.UseUrls("http://127.0.0.1:0");
        // Where service discovery finds "http://graphql", as the AppHost's services__graphql__http__0 says it.
        gateway.Configuration["Services:graphql:http:0"] = upstreamApp.Urls.Single();
        gateway.Configuration[TenantContextSigner.SecretConfigurationKey] = Secret;
        // The audit log (audit.db) beside a read model file of this gateway's own.
        gateway.Configuration["Crm:ReadModel:ConnectionString"] = $"Data Source={Path.Combine(Directory.CreateTempSubdirectory("crm-gateway-").FullName, "customers.db")}";
        foreach (var (key, value) in configuration ?? new Dictionary<string, string?>())
            gateway.Configuration[key] = value;
        gateway.AddTenantContext();
        gateway.AddGateway();
        gateway.Services.AddSingleton(credentials);
        var gatewayApp = gateway.Build();
        gatewayApp.UseGateway();
        await gatewayApp.StartAsync();
        return new GatewayUnderTest(upstreamApp, gatewayApp, forwarded);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _gateway.DisposeAsync();
        await _upstream.DisposeAsync();
    }
}

/// <summary>Accepts exactly one API key, as a tenant that issued only that key would; it has every scope unless told.</summary>
public sealed class OnlyThisKey(Crm.Contracts.Tenants.ApiKey good, Crm.Contracts.Tenants.Plans.TenantPlan plan = Crm.Contracts.Tenants.Plans.TenantPlan.Enterprise,
    params Crm.Contracts.Tenants.Access.ApiKeyScope[] scopes) : ITenantCredentials
{
    public ValueTask<Crm.Contracts.Tenants.Access.KeyAccess?> VerifyKeyAsync(Crm.Contracts.Tenants.ApiKey key, CancellationToken cancellationToken) =>
        ValueTask.FromResult(key == good
            ? new Crm.Contracts.Tenants.Access.KeyAccess("key-1", scopes.Length > 0 ? scopes : [Crm.Contracts.Tenants.Access.ApiKeyScope.Admin], null, plan)
            : null);

    public ValueTask<Crm.Contracts.Tenants.Access.UserAccess?> VerifyUserAsync(string tenantId, string userId, CancellationToken cancellationToken) =>
        ValueTask.FromResult<Crm.Contracts.Tenants.Access.UserAccess?>(null);
}

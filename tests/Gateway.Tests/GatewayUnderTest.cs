using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using Crm.Contracts.Tenants.Audit;
using Crm.Contracts.Tenants.Directory;
using Crm.Gateway;
using Crm.Gateway.Audit;
using Crm.Gateway.Authentication;
using Crm.ServiceDefaults.Tenancy;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Gateway.Tests;

/// <summary>The gateway's real pipeline on a socket, in front of a real upstream that echoes what it received.</summary>
public sealed class GatewayUnderTest : IAsyncDisposable
{
    public static readonly string Secret = Convert.ToBase64String(Enumerable.Repeat((byte)42, 32).ToArray());

    private readonly List<WebApplication> _upstreams;
    private readonly WebApplication _gateway;
    private readonly StrongBox<int> _forwarded;

    private GatewayUnderTest(List<WebApplication> upstreams, WebApplication gateway, StrongBox<int> forwarded, FakeTenantDirectory directory)
    {
        _upstreams = upstreams;
        _gateway = gateway;
        _forwarded = forwarded;
        Directory = directory;
        Client = new HttpClient { BaseAddress = new Uri(gateway.Urls.Single()) };
    }

    /// <summary>The tenant directory the gateway polls; change it and <see cref="ApplyDirectory"/> to act at once.</summary>
    public FakeTenantDirectory Directory { get; }

    /// <summary>Hands the directory's latest version to the gateway, as its operator API does after a change.</summary>
    public void ApplyDirectory() => Services.GetRequiredService<Crm.Gateway.Cells.TenantDirectoryView>().Apply(Directory.Current);

    /// <summary>Adds a cell to the running gateway's configuration, with an upstream of its own, and reloads the configuration.</summary>
    public async Task AddCellAsync(string cell)
    {
        var upstream = await StartUpstreamAsync(cell, new StrongBox<int>());
        _upstreams.Add(upstream);
        foreach (var (key, value) in CellConfiguration(cell, upstream))
            _gateway.Configuration[key] = value;
        ((IConfigurationRoot)_gateway.Configuration).Reload();
    }

    public HttpClient Client { get; }

    /// <summary>How many requests reached the upstream service.</summary>
    public int Forwarded => Volatile.Read(ref _forwarded.Value);

    public IServiceProvider Services => _gateway.Services;

    /// <summary>The entries the gateway recorded for tenants' audit logs.</summary>
    public RecordedAuditTrail Audit => (RecordedAuditTrail)Services.GetRequiredService<IGatewayAuditTrail>();

    /// <param name="cells">Cells besides the home cell (<c>cell-1</c>), each with an upstream of its own.</param>
    public static async Task<GatewayUnderTest> StartAsync(
        ITenantCredentials credentials, IReadOnlyDictionary<string, string?>? configuration = null, IReadOnlyList<string>? cells = null)
    {
        var forwarded = new StrongBox<int>();
        var upstreams = new List<WebApplication> { await StartUpstreamAsync("cell-1", forwarded) };

        var gateway = WebApplication.CreateBuilder();
        gateway.WebHost.UseUrls("http://127.0.0.1:0");
        // Where service discovery finds "http://graphql", as the AppHost's services__graphql__http__0 says it.
        gateway.Configuration["Services:graphql:http:0"] = upstreams[0].Urls.Single();
        foreach (var cell in cells ?? [])
        {
            var upstream = await StartUpstreamAsync(cell, new StrongBox<int>());
            upstreams.Add(upstream);
            foreach (var (key, value) in CellConfiguration(cell, upstream))
                gateway.Configuration[key] = value;
        }
        gateway.Configuration[TenantContextSigner.SecretConfigurationKey] = Secret;
        foreach (var (key, value) in configuration ?? new Dictionary<string, string?>())
            gateway.Configuration[key] = value;
        gateway.AddTenantContext();
        gateway.AddGateway();
        gateway.Services.AddSingleton(credentials);
        gateway.Services.AddSingleton<IGatewayAuditTrail, RecordedAuditTrail>();
        var directory = new FakeTenantDirectory();
        gateway.Services.AddSingleton<ITenantDirectoryGrain>(directory);
        var gatewayApp = gateway.Build();
        gatewayApp.UseGateway();
        await gatewayApp.StartAsync();
        return new GatewayUnderTest(upstreams, gatewayApp, forwarded, directory);
    }

    /// <summary>An upstream that echoes what it received, and which cell it is.</summary>
    private static async Task<WebApplication> StartUpstreamAsync(string cell, StrongBox<int> forwarded)
    {
        var upstream = WebApplication.CreateBuilder();
        upstream.WebHost.UseUrls("http://127.0.0.1:0");
        var upstreamApp = upstream.Build();
        upstreamApp.Run(async http =>
        {
            Interlocked.Increment(ref forwarded.Value);
            // Plays the GraphQL service's cost report when a test asks for one.
            if (http.Request.Headers.TryGetValue("X-Test-Cost", out var cost))
                http.Response.Headers[Crm.ServiceDefaults.Tenancy.UsageHeaders.Cost] = cost.ToString();
            var echo = new JsonObject { ["path"] = http.Request.Path.Value, ["cell"] = cell };
            foreach (var header in http.Request.Headers)
                echo[header.Key.ToLowerInvariant()] = header.Value.ToString();
            if (http.Request.Query.TryGetValue("wait", out var wait))
                await ReleasableRequests.WaitAsync(wait.ToString());
            await http.Response.WriteAsync(echo.ToJsonString());
        });
        await upstreamApp.StartAsync();
        return upstreamApp;
    }

    private static Dictionary<string, string> CellConfiguration(string cell, WebApplication upstream) => new()
    {
        [$"Services:graphql-{cell}:http:0"] = upstream.Urls.Single(),
        [$"Gateway:Cells:{cell}:GraphQL"] = $"graphql-{cell}",
        [$"Gateway:Cells:{cell}:Orleans:ClusterId"] = $"crm-{cell}",
    };

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _gateway.DisposeAsync();
        foreach (var upstream in _upstreams)
            await upstream.DisposeAsync();
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

/// <summary>
/// Requests an upstream holds until the test lets them go: a request with <c>?wait=NAME</c> waits for
/// <see cref="Release"/>(NAME), so a test can keep a request in flight for as long as it needs.
/// </summary>
public static class ReleasableRequests
{
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, TaskCompletionSource> Gates = new();

    public static Task WaitAsync(string name) => Gate(name).Task;

    public static void Release(string name) => Gate(name).TrySetResult();

    private static TaskCompletionSource Gate(string name) => Gates.GetOrAdd(name, _ => new(TaskCreationOptions.RunContinuationsAsynchronously));
}

/// <summary>The tenant directory as its grain keeps it, in memory: a test sets placements and the version goes up.</summary>
public sealed class FakeTenantDirectory : ITenantDirectoryGrain
{
    private readonly Lock _lock = new();
    private TenantDirectory _current = new(0, "cell-1", new Dictionary<string, TenantPlacement>());

    public TenantDirectory Current { get { lock (_lock) return _current; } }

    public void Place(string tenantId, TenantPlacement placement)
    {
        lock (_lock)
            _current = _current with { Version = _current.Version + 1, Tenants = new Dictionary<string, TenantPlacement>(_current.Tenants) { [tenantId] = placement } };
    }

    public Task<TenantDirectory?> GetIfNewerAsync(long knownVersion) => Task.FromResult(Current.Version > knownVersion ? Current : null);

    public Task<TenantDirectory> SuspendAsync(string tenantId) => Change(tenantId, p => p with { Status = TenantStatus.Suspended });

    public Task<TenantDirectory> ResumeAsync(string tenantId) => Change(tenantId, p => p with { Status = TenantStatus.Active });

    public Task<TenantDirectory> BeginMoveAsync(string tenantId, string targetCell) => Change(tenantId, p => p with { Status = TenantStatus.Moving, TargetCell = targetCell });

    public Task<TenantDirectory> CompleteMoveAsync(string tenantId) => Change(tenantId, p => new TenantPlacement(p.TargetCell!, TenantStatus.Active));

    public Task<TenantDirectory> AbortMoveAsync(string tenantId) => Change(tenantId, p => new TenantPlacement(p.Cell, TenantStatus.Active));

    private Task<TenantDirectory> Change(string tenantId, Func<TenantPlacement, TenantPlacement> change)
    {
        lock (_lock)
            Place(tenantId, change(_current.PlacementOf(tenantId)));
        return Task.FromResult(Current);
    }
}

/// <summary>The gateway's audit entries, kept in memory with their tenant.</summary>
public sealed class RecordedAuditTrail : IGatewayAuditTrail
{
    private readonly ConcurrentQueue<(string TenantId, GatewayAuditEntry Entry)> _entries = new();

    public IReadOnlyList<(string TenantId, GatewayAuditEntry Entry)> Entries => [.. _entries];

    public Task RecordAsync(string tenantId, GatewayAuditEntry entry)
    {
        _entries.Enqueue((tenantId, entry));
        return Task.CompletedTask;
    }
}

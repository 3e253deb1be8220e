using Crm.Contracts.Tenants.Access;
using Crm.Gateway.Authentication;
using Crm.Gateway.Cells;
using Crm.Gateway.Metering;
using Crm.Gateway.Operators;
using Crm.Gateway.RateLimiting;
using Crm.Gateway.Routing;
using Crm.Gateway.Sessions;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Crm.Gateway;

/// <summary>
/// The gateway's own part of the pipeline (routes, cells, authentication, limits, portal sessions, the operator API),
/// shared by the host and its tests, which supply the <see cref="ITenantCredentials"/> and the tenant directory.
/// </summary>
public static class GatewayPipeline
{
    public static IHostApplicationBuilder AddGateway(this IHostApplicationBuilder builder)
    {
        var cells = GatewayCells.From(builder.Configuration);
        builder.Services.AddServiceDiscovery();
        var tenantLimiter = TenantRateLimits.Create();
        var costLimits = new TenantCostLimits();
        builder.Services.AddReverseProxy().LoadFromMemory(GatewayRoutes.Build(cells.Home), CellClusters.Build(cells)).AddServiceDiscoveryDestinationResolver()
            .AddTransforms(costLimits.AddTransform);
        builder.Services.AddSingleton(cells);
        builder.Services.AddSingleton<TenantDirectoryView>();
        builder.Services.AddHostedService<TenantDirectoryPoller>();
        builder.Services.AddHostedService<CellClusters>();
        builder.Services.AddSingleton<TenantMover>();
        builder.Services.AddSingleton(new TenantLimiter(tenantLimiter));
        builder.Services.AddSingleton(costLimits);
        builder.Services.AddRateLimiter(options =>
        {
            options.AddTenantLimits(tenantLimiter, costLimits);
            options.AddAddressPolicies(builder.Configuration);
        });
        builder.Services.AddPortalSessions(builder.Configuration);
        builder.Services.AddSingleton<UsageMeter>();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<IPasswordHasher<TenantUser>, PasswordHasher<TenantUser>>();
        return builder;
    }

    public static WebApplication UseGateway(this WebApplication app)
    {
        // Routing has matched by now: authentication knows the route, and the limiter the tenant and the route's policy.
        app.UseTenantAuthentication();
        // Outside the limiter, so the meter also counts the requests it refuses.
        app.UseUsageMetering();
        app.UseRateLimiter();
        app.UseRateLimitHeaders(app.Services.GetRequiredService<TenantLimiter>().Limiter);
        app.MapSessionApi();
        app.MapOperatorApi();
        // The tenant's gate (held while it moves) and its cell's cluster; then a suspended tenant is refused.
        app.MapReverseProxy(proxy => proxy.UseTenantCells().RefuseSuspendedTenants());
        return app;
    }

    /// <summary>The one per-tenant limiter, shared by the rate limiter middleware and the headers that report on it.</summary>
    private sealed record TenantLimiter(System.Threading.RateLimiting.PartitionedRateLimiter<HttpContext> Limiter);
}

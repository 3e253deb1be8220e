using Crm.Gateway.Authentication;
using Crm.Gateway.Cells;
using Crm.Gateway.Operators;
using Crm.Gateway.RateLimiting;
using Crm.Gateway.Routing;

namespace Crm.Gateway;

/// <summary>The gateway's own part of the pipeline (routes, cells, sign-up limit, tenant authentication, operator API), shared by the host and its tests.</summary>
public static class GatewayPipeline
{
    public static IHostApplicationBuilder AddGateway(this IHostApplicationBuilder builder)
    {
        var cells = GatewayCells.From(builder.Configuration);
        builder.Services.AddServiceDiscovery();
        builder.Services.AddReverseProxy().LoadFromMemory(GatewayRoutes.Build(cells.Home), CellClusters.Build(cells)).AddServiceDiscoveryDestinationResolver();
        builder.Services.AddSingleton(cells);
        builder.Services.AddSingleton<TenantDirectoryView>();
        builder.Services.AddHostedService<TenantDirectoryPoller>();
        builder.Services.AddHostedService<CellClusters>();
        builder.Services.AddSingleton<TenantMover>();
        builder.Services.AddSignupRateLimit(builder.Configuration);
        return builder;
    }

    public static WebApplication UseGateway(this WebApplication app)
    {
        // Routing has matched the proxy route by now, so the limiter sees the route's policy.
        app.UseRateLimiter();
        app.MapReverseProxy(proxy => proxy.UseTenantCells().UseTenantAuthentication().RefuseSuspendedTenants());
        app.MapOperatorApi();
        return app;
    }
}

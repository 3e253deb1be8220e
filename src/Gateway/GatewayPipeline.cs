using Crm.Gateway.Authentication;
using Crm.Gateway.RateLimiting;
using Crm.Gateway.Routing;

namespace Crm.Gateway;

/// <summary>The gateway's own part of the pipeline (routes, sign-up limit, tenant authentication), shared by the host and its tests.</summary>
public static class GatewayPipeline
{
    public static IHostApplicationBuilder AddGateway(this IHostApplicationBuilder builder)
    {
        var (routes, clusters) = GatewayRoutes.Build(builder.Configuration);
        builder.Services.AddServiceDiscovery();
        builder.Services.AddReverseProxy().LoadFromMemory(routes, clusters).AddServiceDiscoveryDestinationResolver();
        builder.Services.AddSignupRateLimit(builder.Configuration);
        return builder;
    }

    public static WebApplication UseGateway(this WebApplication app)
    {
        // Routing has matched the proxy route by now, so the limiter sees the route's policy.
        app.UseRateLimiter();
        app.MapReverseProxy(proxy => proxy.UseTenantAuthentication());
        return app;
    }
}

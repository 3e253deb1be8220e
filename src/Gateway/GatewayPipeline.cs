using Crm.AuditLog.Hosting;
using Crm.Contracts.Tenants.Access;
using Crm.CustomerReadModel.Hosting;
using Crm.Gateway.Authentication;
using Crm.Gateway.RateLimiting;
using Crm.Gateway.Routing;
using Crm.Gateway.Sessions;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Crm.Gateway;

/// <summary>
/// The gateway's own part of the pipeline (routes, authentication, limits, portal sessions), shared by the host and
/// its tests, which supply the <see cref="ITenantCredentials"/>.
/// </summary>
public static class GatewayPipeline
{
    public static IHostApplicationBuilder AddGateway(this IHostApplicationBuilder builder)
    {
        var (routes, clusters) = GatewayRoutes.Build(builder.Configuration);
        builder.Services.AddServiceDiscovery();
        builder.Services.AddReverseProxy().LoadFromMemory(routes, clusters).AddServiceDiscoveryDestinationResolver();
        var tenantLimiter = TenantRateLimits.Create();
        builder.Services.AddSingleton(new TenantLimiter(tenantLimiter));
        builder.Services.AddRateLimiter(options =>
        {
            options.AddTenantLimits(tenantLimiter);
            options.AddAddressPolicies(builder.Configuration);
        });
        builder.Services.AddPortalSessions(builder.Configuration);
        // Sign-ins and refused keys are recorded in the tenant's audit log, in the read model's store (as the GraphQL service does).
        builder.Services.AddAuditLog(builder.Configuration, ReadModelServiceCollectionExtensions.ProviderKey, ReadModelServiceCollectionExtensions.ConnectionStringKey);
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<IPasswordHasher<TenantUser>, PasswordHasher<TenantUser>>();
        return builder;
    }

    public static WebApplication UseGateway(this WebApplication app)
    {
        // Routing has matched by now: authentication knows the route, and the limiter the tenant and the route's policy.
        app.UseTenantAuthentication();
        app.UseRateLimiter();
        app.UseRateLimitHeaders(app.Services.GetRequiredService<TenantLimiter>().Limiter);
        app.MapSessionApi();
        app.MapReverseProxy();
        return app;
    }

    /// <summary>The one per-tenant limiter, shared by the rate limiter middleware and the headers that report on it.</summary>
    private sealed record TenantLimiter(System.Threading.RateLimiting.PartitionedRateLimiter<HttpContext> Limiter);
}

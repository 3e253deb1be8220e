using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;

namespace Crm.ServiceDefaults.Health;

public static class HealthEndpoints
{
    public const string HealthPath = "/health";
    public const string AlivePath = "/alive";

    /// <summary>Tag for checks that say the process is alive (not deadlocked), as opposed to ready to serve.</summary>
    public const string LiveTag = "live";

    /// <summary>A "self" check tagged live, so /alive answers as long as the process can run a request.</summary>
    public static IHostApplicationBuilder AddDefaultHealthChecks(this IHostApplicationBuilder builder)
    {
        builder.Services.AddHealthChecks().AddCheck("self", () => HealthCheckResult.Healthy(), [LiveTag]);
        return builder;
    }

    /// <summary>
    /// /health: 200 only when every registered check is healthy, i.e. the service is ready for traffic (the AppHost
    /// waits on it). /alive: 200 while the process runs and its live checks pass.
    /// </summary>
    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        app.MapHealthChecks(HealthPath);
        app.MapHealthChecks(AlivePath, new HealthCheckOptions { Predicate = check => check.Tags.Contains(LiveTag) });
        return app;
    }
}

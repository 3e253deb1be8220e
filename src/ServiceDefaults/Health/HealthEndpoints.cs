using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Crm.ServiceDefaults.Health;

public static class HealthEndpoints
{
    /// <summary>Tag for checks that say the process is alive (not deadlocked), as opposed to ready to serve.</summary>
    public const string LiveTag = "live";

    /// <summary>
    /// /health: 200 only when every registered check is healthy, i.e. the service is ready for traffic.
    /// /alive: 200 while the process runs and its live checks pass; supervisors restart on this one.
    /// </summary>
    public static void MapHealthEndpoints(this WebApplication app)
    {
        app.MapHealthChecks("/health");
        app.MapHealthChecks("/alive", new HealthCheckOptions { Predicate = check => check.Tags.Contains(LiveTag) });
    }
}

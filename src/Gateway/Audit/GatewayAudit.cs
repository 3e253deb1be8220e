using Crm.Contracts.Tenants.Audit;

namespace Crm.Gateway.Audit;

/// <summary>
/// What only the gateway sees goes into the tenant's audit log from here: sign-ins (and failed ones for a tenant that
/// exists) and calls refused for a key of the tenant that is unknown, revoked or expired. The answer waits for the
/// entry's durable commit, as the services' audited operations do.
/// </summary>
public static class GatewayAudit
{
    public static Task RecordAsync(HttpContext http, string tenantId, string actor, string operation, string? target, bool refused, string? reason)
    {
        var services = http.RequestServices;
        return services.GetRequiredService<IGatewayAuditTrail>().RecordAsync(tenantId, new GatewayAuditEntry(
            services.GetRequiredService<TimeProvider>().GetUtcNow(), actor, operation, target, refused, reason, ClientAddress(http)));
    }

    /// <summary>The caller's address as the signed tenant context carries it.</summary>
    public static string ClientAddress(HttpContext http) => http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
}

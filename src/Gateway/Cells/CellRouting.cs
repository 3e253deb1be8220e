using Crm.Contracts.Tenants.Directory;
using Crm.Gateway.Routing;
using Crm.ServiceDefaults.Tenancy;
using Yarp.ReverseProxy;
using Yarp.ReverseProxy.Model;

namespace Crm.Gateway.Cells;

/// <summary>
/// Sends each tenant's request to the YARP cluster of its cell, after authentication (so only a caller with a valid
/// credential learns anything of the tenant's placement): the request enters its tenant's gate (waiting while the
/// tenant moves) and is reassigned to that cell's cluster; then a suspended tenant is refused. A subscription is closed when its tenant starts moving; the
/// client reconnects (graphql-ws and SSE clients do) and is served by the new cell.
/// </summary>
public static class CellRouting
{
    /// <summary>How long a request of a moving tenant may wait for the move to end before it gets a 503.</summary>
    public static readonly TimeSpan HoldTimeout = TimeSpan.FromSeconds(30);

    public static IReverseProxyApplicationBuilder UseTenantCells(this IReverseProxyApplicationBuilder proxy)
    {
        proxy.Use(async (http, next) =>
        {
            var feature = http.GetReverseProxyFeature();
            if (feature.Route.Config.Metadata?.GetValueOrDefault(GatewayRoutes.AccessKey) == GatewayRoutes.Anonymous
                || http.Features.Get<TenantClaims>()?.TenantId is not { } tenantId)
            {
                // Sign-up, accepting an invitation and the IDE page go to the home cell (the routes' own cluster).
                await next();
                return;
            }

            var view = http.RequestServices.GetRequiredService<TenantDirectoryView>();
            TenantDirectoryView.TenantLease lease;
            try
            {
                await view.Loaded.WaitAsync(HoldTimeout, http.RequestAborted);
                lease = await view.EnterAsync(tenantId, HoldTimeout, http.RequestAborted, IsStream(http) ? http.Abort : null);
            }
            catch (Exception e) when (e is TenantHeldException or TimeoutException)
            {
                await Refuse(http, StatusCodes.Status503ServiceUnavailable, "UNAVAILABLE",
                    e is TenantHeldException ? e.Message : "The gateway has not read the tenant directory yet; retry in a few seconds.");
                return;
            }
            using (lease)
            {
                var lookup = http.RequestServices.GetRequiredService<IProxyStateLookup>();
                if (!lookup.TryGetCluster(lease.Placement.Cell, out var cluster))
                {
                    await Refuse(http, StatusCodes.Status503ServiceUnavailable, "UNAVAILABLE",
                        $"Tenant '{tenantId}' is in cell '{lease.Placement.Cell}', which this gateway does not know; an operator must add the cell to its configuration.");
                    return;
                }
                http.ReassignProxyRequest(cluster);
                http.Features.Set(lease.Placement);
                await next();
            }
        });
        return proxy;
    }

    public static IReverseProxyApplicationBuilder RefuseSuspendedTenants(this IReverseProxyApplicationBuilder proxy)
    {
        proxy.Use(async (http, next) =>
        {
            if (http.Features.Get<TenantPlacement>() is { Status: TenantStatus.Suspended })
            {
                await Refuse(http, StatusCodes.Status403Forbidden, "TENANT_SUSPENDED",
                    "This tenant is suspended: its data is kept, but the API refuses its requests until an operator resumes it. Contact support.");
                return;
            }
            await next();
        });
        return proxy;
    }

    /// <summary>A subscription: a WebSocket, or Server-Sent Events, which stay open for as long as the client listens.</summary>
    private static bool IsStream(HttpContext http) =>
        http.WebSockets.IsWebSocketRequest
        || http.Request.Headers.Accept.Any(a => a?.Contains("text/event-stream", StringComparison.OrdinalIgnoreCase) == true);

    private static Task Refuse(HttpContext http, int status, string code, string message)
    {
        http.Response.StatusCode = status;
        if (status == StatusCodes.Status503ServiceUnavailable)
            http.Response.Headers.RetryAfter = "2";
        return http.Response.WriteAsJsonAsync(new { errors = new[] { new { message, extensions = new { code } } } });
    }
}

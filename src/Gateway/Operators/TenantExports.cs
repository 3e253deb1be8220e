using Crm.Contracts.Tenants;
using Crm.Contracts.Tenants.Access;
using Crm.Contracts.Tenants.Plans;
using Crm.Gateway.Audit;
using Crm.Gateway.Cells;
using Crm.ServiceDefaults.Tenancy;
using Microsoft.AspNetCore.Mvc;

namespace Crm.Gateway.Operators;

/// <summary>
/// An operator's export of a tenant: the gateway asks the GraphQL service of the tenant's cell for the tenant's zip
/// (<c>/api/export</c>) as the tenant's admin would, with a signed context whose actor is "operator", and streams the
/// answer back as it comes. The tenant's audit log records the export under that actor.
/// </summary>
public static class TenantExports
{
    public const string Actor = "operator";

    public static async Task ForwardAsync(
        string tenantId, HttpContext http, [FromServices] TenantDirectoryView view, [FromServices] GatewayCells cells, [FromServices] ICellClients clusters,
        [FromServices] TenantContextSigner signer, [FromServices] IHttpClientFactory clients)
    {
        if (!TenantIds.IsValid(tenantId))
        {
            await OperatorApi.NotATenant(tenantId).ExecuteAsync(http);
            return;
        }
        var cell = cells.All[view.PlacementOf(tenantId).Cell];
        var plan = await clusters.ForTenant(tenantId).GetGrain<ITenantAccessGrain>(tenantId).GetPlanAsync();
        var claims = new TenantClaims(tenantId, Actor, [Permissions.Read, Permissions.Admin], PlanLimits.NameOf(plan), GatewayAudit.ClientAddress(http));
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{cell.GraphQL}/api/export");
        TenantContextHeaders.Write(request.Headers, claims, signer.Sign(claims));
        using var response = await clients.CreateClient().SendAsync(request, HttpCompletionOption.ResponseHeadersRead, http.RequestAborted);
        http.Response.StatusCode = (int)response.StatusCode;
        foreach (var header in response.Content.Headers)
            http.Response.Headers[header.Key] = header.Value.ToArray();
        await response.Content.CopyToAsync(http.Response.Body, http.RequestAborted);
    }
}

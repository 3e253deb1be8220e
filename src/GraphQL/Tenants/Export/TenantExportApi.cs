using Crm.Contracts.Tenants.Access;
using Crm.GraphQL.Audit;
using Crm.ServiceDefaults.Tenancy;

namespace Crm.GraphQL.Tenants.Export;

/// <summary>
/// <c>GET /api/export</c>: the calling tenant's data as a zip (<see cref="TenantExport"/>), for its admins and, through
/// the gateway's <c>/ops/tenants/{id}/export</c>, for operators. Every export is in the tenant's audit log.
/// </summary>
public static class TenantExportApi
{
    public static IEndpointRouteBuilder MapTenantExportApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/export", ExportAsync).RequirePermission(Permissions.Admin).Audited("tenant.export");
        return app;
    }

    private static async Task ExportAsync(HttpContext context, TenantContext tenant, TenantExport export)
    {
        var tenantId = tenant.RequireTenantId();
        context.Response.ContentType = "application/zip";
        context.Response.Headers.ContentDisposition = $"attachment; filename=\"crm-export-{tenantId}.zip\"";
        await export.WriteAsync(tenantId, context.Response.Body, context.RequestAborted);
    }
}

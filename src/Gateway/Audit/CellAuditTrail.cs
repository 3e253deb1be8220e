using Crm.Contracts.Tenants.Audit;
using Crm.Gateway.Cells;

namespace Crm.Gateway.Audit;

/// <summary>
/// Records each entry through the tenant's audit grain in its cell now (a tenant unknown to the directory: the home
/// cell). The gateway itself holds no store.
/// </summary>
public sealed class CellAuditTrail(ICellClients cells) : IGatewayAuditTrail
{
    public Task RecordAsync(string tenantId, GatewayAuditEntry entry) =>
        cells.ForTenant(tenantId).GetGrain<ITenantAuditGrain>(tenantId).RecordAsync(entry);
}

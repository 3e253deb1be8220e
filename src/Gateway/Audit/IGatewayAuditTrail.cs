using Crm.Contracts.Tenants.Audit;

namespace Crm.Gateway.Audit;

/// <summary>Where the gateway's audit entries go: the tenant's audit log, in the cell that holds the tenant.</summary>
public interface IGatewayAuditTrail
{
    /// <summary>Answers once the entry is durable.</summary>
    Task RecordAsync(string tenantId, GatewayAuditEntry entry);
}

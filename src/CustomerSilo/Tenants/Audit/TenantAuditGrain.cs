using Crm.AuditLog;
using Crm.Contracts.Tenants.Audit;
using Orleans.Concurrency;

namespace Crm.CustomerSilo.Tenants.Audit;

/// <summary>Appends the gateway's entries to this cell's audit log; any silo may, so it is a stateless worker.</summary>
[StatelessWorker]
public sealed class TenantAuditGrain(IAuditLog audit) : Grain, ITenantAuditGrain
{
    public Task RecordAsync(GatewayAuditEntry entry) => audit.AppendAsync(new AuditRecord(
        this.GetPrimaryKeyString(), entry.At, entry.Actor, entry.Operation, entry.Target,
        entry.Refused ? AuditOutcome.Refused : AuditOutcome.Ok, AuditRecord.Shorten(entry.Reason), entry.ClientAddress));
}

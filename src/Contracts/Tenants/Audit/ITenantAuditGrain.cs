namespace Crm.Contracts.Tenants.Audit;

/// <summary>
/// The audit log of the cell that holds the tenant, for what only the gateway sees (sign-ins, refused keys). The
/// gateway calls it in the tenant's cell, so these entries lie beside the tenant's other entries, and leave with its
/// export, its move and its erasure. Keyed by tenant id; it only appends.
/// </summary>
[Alias("crm.tenant-audit")]
public interface ITenantAuditGrain : IGrainWithStringKey
{
    /// <summary>Answers once the entry is durable.</summary>
    [Alias("record")]
    Task RecordAsync(GatewayAuditEntry entry);
}

/// <param name="Actor">Who acted, such as "user:&lt;id&gt;" or "key:&lt;shown prefix&gt;".</param>
/// <param name="Operation">What happened, such as "session.signed_in" or "request.refused".</param>
/// <param name="Refused">Whether the gateway refused it.</param>
[GenerateSerializer, Immutable, Alias("crm.GatewayAuditEntry")]
public sealed record GatewayAuditEntry(
    [property: Id(0)] DateTimeOffset At,
    [property: Id(1)] string Actor,
    [property: Id(2)] string Operation,
    [property: Id(3)] string? Target,
    [property: Id(4)] bool Refused,
    [property: Id(5)] string? Reason,
    [property: Id(6)] string? ClientAddress);

namespace Crm.Contracts.Tenants.Erasure;

/// <summary>
/// Erases one tenant (keyed by tenant id) for an operator: every customer, segment, import, persisted document, the
/// analytics, users and keys (each key's revocation announced to the gateways first), the tenant's record and slug,
/// its audit entries and its read-model rows; every grain's stored state is cleared and its activation ended.
/// Every step is idempotent, so if a silo dies half-way calling it again finishes the erasure.
/// </summary>
[Alias("crm.tenant-erasure")]
public interface ITenantErasureGrain : IGrainWithStringKey
{
    [Alias("erase")]
    Task<ErasureReport> EraseAsync();
}

/// <summary>What this call erased (a resumed erasure counts only what was left).</summary>
[GenerateSerializer, Immutable, Alias("crm.ErasureReport")]
public sealed record ErasureReport(
    [property: Id(0)] string TenantId,
    [property: Id(1)] int Customers,
    [property: Id(2)] int Segments,
    [property: Id(3)] int Imports,
    [property: Id(4)] int PersistedDocuments,
    [property: Id(5)] int UsersAndKeys,
    [property: Id(6)] long AuditEntries,
    [property: Id(7)] bool TenantRecord,
    [property: Id(8)] DateTimeOffset FinishedAt);

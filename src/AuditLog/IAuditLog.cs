namespace Crm.AuditLog;

/// <summary>
/// The audit log of every tenant: it takes new entries and answers queries scoped to one tenant, and nothing else; an
/// entry once stored is never changed. Appends from concurrent callers share one durable commit; each append's task
/// completes only after that commit.
/// </summary>
public interface IAuditLog
{
    Task AppendAsync(AuditRecord record, CancellationToken cancellationToken = default);

    /// <summary>One page of the tenant's entries, newest first (keyset paging by id).</summary>
    Task<AuditPage> QueryAsync(AuditQuery query, CancellationToken cancellationToken = default);
}

/// <summary>
/// The one way entries leave the log: a tenant's erasure removes all of its entries at once. Kept apart from
/// <see cref="IAuditLog"/> so that only the erasure path is given it.
/// </summary>
public interface IAuditLogErasure
{
    /// <returns>How many entries were removed.</returns>
    Task<long> EraseTenantAsync(string tenantId, CancellationToken cancellationToken = default);
}

/// <param name="First">Entries wanted (1 to <see cref="MaxFirst"/>).</param>
/// <param name="Before">Only entries older than this id: the last id of the previous page.</param>
/// <param name="Since">Only entries at or after this moment.</param>
public sealed record AuditQuery(string TenantId, int First = 50, long? Before = null, string? Actor = null, string? Operation = null, DateTimeOffset? Since = null)
{
    public const int MaxFirst = 500;
}

/// <param name="HasMore">Whether older entries match beyond this page.</param>
public sealed record AuditPage(IReadOnlyList<AuditEntry> Entries, bool HasMore);

/// <summary>The audit store could not do what was asked; the message says what to check.</summary>
public sealed class AuditLogException(string message, Exception? inner = null) : Exception(message, inner);

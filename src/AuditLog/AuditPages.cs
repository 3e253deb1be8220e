using System.Runtime.CompilerServices;

namespace Crm.AuditLog;

public static class AuditPages
{
    /// <summary>Every entry the query matches, newest first, one page of <see cref="AuditQuery.First"/> at a time.</summary>
    public static async IAsyncEnumerable<AuditEntry> AllAsync(
        this IAuditLog audit, AuditQuery query, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        while (true)
        {
            var page = await audit.QueryAsync(query, cancellationToken);
            foreach (var entry in page.Entries)
                yield return entry;
            if (!page.HasMore || page.Entries.Count == 0)
                yield break;
            query = query with { Before = page.Entries[^1].Id };
        }
    }
}

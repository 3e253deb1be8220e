using Crm.AuditLog;

namespace GraphQL.Tests;

/// <summary>Keeps what the mutations append to the audit log.</summary>
internal sealed class RecordedAudit : IAuditLog
{
    public List<AuditRecord> Records { get; } = [];

    public Task AppendAsync(AuditRecord record, CancellationToken cancellationToken = default)
    {
        lock (Records)
            Records.Add(record);
        return Task.CompletedTask;
    }

    public Task<AuditPage> QueryAsync(AuditQuery query, CancellationToken cancellationToken = default) => throw new NotSupportedException();
}

using System.Text.Json;
using Crm.AuditLog;
using Crm.Contracts;
using Crm.Contracts.Tenants.Archive;
using Crm.CustomerReadModel;
using Crm.CustomerReadModel.Queries;
using Crm.CustomerSilo.Customers;
using Orleans.Concurrency;
using Orleans.Serialization;

namespace Crm.CustomerSilo.Tenants.Archive;

/// <summary>
/// Takes a tenant's data out of this cell and puts it in. The tenant's customers are enumerated from the read model,
/// which holds a row for every customer (the grains write it before they answer). Stateless: the data is in the
/// tenant's grains, and any silo can do the work.
/// </summary>
[StatelessWorker]
public sealed class TenantArchiveGrain(ICustomerReadModel readModel, IAuditLog audit, IAuditLogErasure auditErasure, Serializer serializer) : Grain, ITenantArchiveGrain
{
    // Customers are written this many at a time: enough to keep the silos busy, few enough not to flood the store.
    private const int Parallelism = 16;

    /// <summary>The tenant-wide grains, keyed by tenant id, in the order they are restored: the tenant first (a customer's restore reads its settings).</summary>
    private static readonly TenantPart[] Parts =
    [
        TenantPart.Of<IArchivedTenant, TenantState>(TenantArchive.TenantPart),
        TenantPart.Of<IArchivedAccess, Access.TenantAccessState>("access"),
        TenantPart.Of<IArchivedUsage, Usage.TenantUsageState>("usage"),
        TenantPart.Of<IArchivedSegments, Segments.SegmentsState>("segments"),
        TenantPart.Of<IArchivedPersistedDocuments, PersistedDocuments.PersistedDocumentsState>("persisted-documents"),
        TenantPart.Of<IArchivedAnalytics, Analytics.TenantAnalyticsState>("analytics"),
        TenantPart.Of<IArchivedWebhooks, Webhooks.TenantWebhooksState>("webhooks"),
    ];

    /// <summary>The tenant's audit log: entries of the cell's audit store (not a grain), carried as JSON, oldest first.</summary>
    public const string AuditPart = "audit";

    private string TenantId => this.GetPrimaryKeyString();

    public async Task<TenantArchive> ExportAsync()
    {
        var parts = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var part in Parts)
            if (await part.ExportAsync(GrainFactory, TenantId, serializer) is { } bytes)
                parts[part.Name] = bytes;
        if (!parts.ContainsKey(TenantArchive.TenantPart))
            throw new InvalidOperationException($"Tenant '{TenantId}' has no data in this cell to export.");
        parts[AuditPart] = JsonSerializer.SerializeToUtf8Bytes(await AuditRecordsAsync());
        var customers = new List<ArchivedCustomer>();
        await foreach (var page in CustomerIdPagesAsync())
        {
            var states = await Task.WhenAll(page.Select(async id =>
                (Id: id, State: await GrainFactory.GetGrain<IArchivedCustomer>(TenantKey.For(TenantId, id)).ExportStateAsync())));
            // A customer deleted between the listing and its export is simply not in the archive.
            customers.AddRange(states.Where(s => s.State is not null).Select(s => new ArchivedCustomer(s.Id, serializer.SerializeToArray(s.State!))));
        }
        return new TenantArchive(TenantId, parts, customers);
    }

    public async Task ImportAsync(TenantArchive archive)
    {
        if (archive.TenantId != TenantId)
            throw new ArgumentException($"The archive is of tenant '{archive.TenantId}', not '{TenantId}'.", nameof(archive));
        foreach (var part in Parts)
            if (archive.Parts.TryGetValue(part.Name, out var bytes))
                await part.RestoreAsync(GrainFactory, TenantId, serializer, bytes);
        if (archive.Parts.TryGetValue(AuditPart, out var entries))
            await RestoreAuditAsync(JsonSerializer.Deserialize<List<AuditRecord>>(entries) ?? []);
        // In batches on the grain's own scheduler (Parallel.ForEachAsync would leave it, which Orleans forbids).
        foreach (var batch in archive.Customers.Chunk(Parallelism))
            await Task.WhenAll(batch.Select(customer => GrainFactory.GetGrain<IArchivedCustomer>(TenantKey.For(TenantId, customer.CustomerId))
                .RestoreStateAsync(TenantPart.Read<CustomerState>(serializer, customer.State, TenantId, $"customer {customer.CustomerId}"))));
    }

    public async Task EraseAsync()
    {
        await foreach (var page in CustomerIdPagesAsync())
            await Task.WhenAll(page.Select(id => GrainFactory.GetGrain<IArchivedCustomer>(TenantKey.For(TenantId, id)).EraseStateAsync()));
        // The tenant-wide parts last: erasing a customer still tells the tenant's analytics.
        foreach (var part in Parts.Reverse())
            await part.EraseAsync(GrainFactory, TenantId);
        await auditErasure.EraseTenantAsync(TenantId);
    }

    /// <summary>The tenant's audit entries, oldest first.</summary>
    private async Task<List<AuditRecord>> AuditRecordsAsync()
    {
        var records = new List<AuditRecord>();
        await foreach (var entry in audit.AllAsync(new AuditQuery(TenantId, AuditQuery.MaxFirst)))
            records.Add(entry.Record);
        records.Reverse();
        return records;
    }

    /// <summary>
    /// Puts the entries in this cell's audit store, over any copy an earlier, interrupted import left. They are queued
    /// in order and committed together, so they keep their order (the log reads newest first by position).
    /// </summary>
    private async Task RestoreAuditAsync(IReadOnlyList<AuditRecord> records)
    {
        await auditErasure.EraseTenantAsync(TenantId);
        if (records.Any(r => r.TenantId != TenantId))
            throw new InvalidDataException($"The archive of tenant '{TenantId}' holds audit entries of another tenant.");
        await Task.WhenAll(records.Select(r => audit.AppendAsync(r)));
    }

    /// <summary>
    /// Every customer id of the tenant, a page at a time. All pages are read before the caller changes anything
    /// (erasing deletes rows, which would move a cursor's later pages).
    /// </summary>
    private async IAsyncEnumerable<IReadOnlyList<string>> CustomerIdPagesAsync()
    {
        var pages = new List<IReadOnlyList<string>>();
        await foreach (var page in readModel.PagesAsync(new CustomerQuery { TenantId = TenantId, First = CustomerQuery.MaxPageSize }))
            pages.Add([.. page.Select(i => i.CustomerId)]);
        foreach (var ids in pages)
            yield return ids;
    }
}

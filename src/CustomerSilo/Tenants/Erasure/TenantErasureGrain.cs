using Crm.AuditLog;
using Crm.Contracts;
using Crm.Contracts.Analytics;
using Crm.Contracts.Customers;
using Crm.Contracts.Imports;
using Crm.Contracts.PersistedDocuments;
using Crm.Contracts.Segments;
using Crm.Contracts.Tenants;
using Crm.Contracts.Tenants.Access;
using Crm.Contracts.Tenants.Erasure;
using Crm.Contracts.Tenants.Usage;
using Crm.Contracts.Webhooks;
using Crm.CustomerReadModel;
using Crm.CustomerReadModel.Queries;

namespace Crm.CustomerSilo.Tenants.Erasure;

/// <summary>
/// Erases a tenant (see <see cref="ITenantErasureGrain"/>), keyed by its tenant id. The order matters for a resumed
/// run: access goes first, so no key or session can write while the rest goes; the tenant's record goes last but for
/// its audit and read-model rows, because it names the slug and the imports that the earlier steps need. The grain
/// keeps no state of its own: each step finds what is left, so running it again finishes what a crash interrupted.
/// </summary>
public sealed class TenantErasureGrain(ICustomerReadModel readModel, IAuditLogErasure audit, TimeProvider time) : Grain, ITenantErasureGrain
{
    // Customer deletions in flight at once: each is a grain call, a state clear and a read-model delete.
    private const int Parallelism = 64;
    private const int PageSize = 100;

    private string TenantId => this.GetPrimaryKeyString();

    public async Task<ErasureReport> EraseAsync()
    {
        var tenantId = TenantId;
        if (!TenantIds.IsValid(tenantId))
            throw new ArgumentException($"'{tenantId}' is no tenant id: erase a tenant by the id sign-up gave it.");
        var tenant = GrainFactory.GetGrain<ITenantGrain>(tenantId);
        var slug = (await tenant.GetAsync())?.Slug;
        var imports = await tenant.ListImportsAsync();

        var usersAndKeys = await GrainFactory.GetGrain<ITenantAccessGrain>(tenantId).EraseAsync();
        var customers = await EraseCustomersAsync(tenantId);
        var segments = await GrainFactory.GetGrain<ISegmentsGrain>(tenantId).EraseAsync();
        var importJobs = 0;
        foreach (var importId in imports)
            importJobs += await GrainFactory.GetGrain<IImportJobGrain>(TenantKey.For(tenantId, importId)).EraseAsync();
        var documents = await GrainFactory.GetGrain<IPersistedDocumentsGrain>(tenantId).EraseAsync();
        // After the customers: each deletion sent the analytics and the feed a last change.
        // After the customers: deleting one hands its last events to the webhooks grain.
        await GrainFactory.GetGrain<ITenantWebhooksGrain>(tenantId).EraseAsync();
        await GrainFactory.GetGrain<ITenantUsageGrain>(tenantId).EraseAsync();
        await GrainFactory.GetGrain<ITenantAnalyticsGrain>(tenantId).EraseAsync();
        await GrainFactory.GetGrain<ICustomerFeedGrain>(tenantId).EraseAsync();
        if (slug is not null)
            await GrainFactory.GetGrain<ITenantSlugGrain>(slug).ReleaseAsync(tenantId);
        var record = await tenant.EraseAsync() > 0;
        var auditEntries = await audit.EraseTenantAsync(tenantId);
        // Whatever row no customer grain owned any more (a write whose grain state was lost) goes too.
        await readModel.DeleteTenantAsync(tenantId);
        DeactivateOnIdle();
        return new ErasureReport(tenantId, customers, segments, importJobs, documents, usersAndKeys, auditEntries, record, time.GetUtcNow());
    }

    /// <summary>Deletes the customers the read model lists, a page at a time, until it lists none.</summary>
    private async Task<int> EraseCustomersAsync(string tenantId)
    {
        var erased = 0;
        using var gate = new SemaphoreSlim(Parallelism);
        while (true)
        {
            // Always the first page: every row on it is gone before the next query, so no cursor is needed.
            var page = await readModel.QueryAsync(new CustomerQuery { TenantId = tenantId, First = PageSize });
            if (page.Items.Count == 0)
                return erased;
            var deleted = await Task.WhenAll(page.Items.Select(async listing =>
            {
                await gate.WaitAsync();
                try
                {
                    if (await GrainFactory.GetGrain<ICustomerGrain>(TenantKey.For(tenantId, listing.CustomerId)).DeleteAsync())
                        return true;
                    // A row whose grain holds no customer: the grain cannot remove it, so it is removed here.
                    await readModel.DeleteAsync(tenantId, listing.CustomerId);
                    return false;
                }
                finally
                {
                    gate.Release();
                }
            }));
            erased += deleted.Count(d => d);
        }
    }
}

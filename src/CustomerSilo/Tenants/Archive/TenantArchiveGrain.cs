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
public sealed class TenantArchiveGrain(ICustomerReadModel readModel, Serializer serializer) : Grain, ITenantArchiveGrain
{
    // Customers are written this many at a time: enough to keep the silos busy, few enough not to flood the store.
    private const int Parallelism = 16;

    private string TenantId => this.GetPrimaryKeyString();

    public async Task<TenantArchive> ExportAsync()
    {
        var tenant = await GrainFactory.GetGrain<IArchivedTenant>(TenantId).ExportStateAsync()
            ?? throw new InvalidOperationException($"Tenant '{TenantId}' has no data in this cell to export.");
        var customers = new List<ArchivedCustomer>();
        await foreach (var page in CustomerIdPagesAsync())
        {
            var states = await Task.WhenAll(page.Select(async id =>
                (Id: id, State: await GrainFactory.GetGrain<IArchivedCustomer>(TenantKey.For(TenantId, id)).ExportStateAsync())));
            // A customer deleted between the listing and its export is simply not in the archive.
            customers.AddRange(states.Where(s => s.State is not null).Select(s => new ArchivedCustomer(s.Id, serializer.SerializeToArray(s.State!))));
        }
        return new TenantArchive(TenantId, serializer.SerializeToArray(tenant), customers);
    }

    public async Task ImportAsync(TenantArchive archive)
    {
        if (archive.TenantId != TenantId)
            throw new ArgumentException($"The archive is of tenant '{archive.TenantId}', not '{TenantId}'.", nameof(archive));
        // The tenant first: a customer's restore reads the tenant's settings.
        await GrainFactory.GetGrain<IArchivedTenant>(TenantId).RestoreStateAsync(Read<TenantState>(archive.Tenant, "tenant"));
        // In batches on the grain's own scheduler (Parallel.ForEachAsync would leave it, which Orleans forbids).
        foreach (var batch in archive.Customers.Chunk(Parallelism))
            await Task.WhenAll(batch.Select(customer => GrainFactory.GetGrain<IArchivedCustomer>(TenantKey.For(TenantId, customer.CustomerId))
                .RestoreStateAsync(Read<CustomerState>(customer.State, $"customer {customer.CustomerId}"))));
    }

    public async Task EraseAsync()
    {
        await foreach (var page in CustomerIdPagesAsync())
            await Task.WhenAll(page.Select(id => GrainFactory.GetGrain<IArchivedCustomer>(TenantKey.For(TenantId, id)).EraseStateAsync()));
        await GrainFactory.GetGrain<IArchivedTenant>(TenantId).EraseStateAsync();
    }

    private T Read<T>(byte[] bytes, string what) =>
        serializer.Deserialize<T>(bytes) ?? throw new InvalidDataException($"The archive of tenant '{TenantId}' holds no state for its {what}.");

    /// <summary>
    /// Every customer id of the tenant, a page at a time. All pages are read before the caller changes anything
    /// (erasing deletes rows, which would move a cursor's later pages).
    /// </summary>
    private async IAsyncEnumerable<IReadOnlyList<string>> CustomerIdPagesAsync()
    {
        var pages = new List<IReadOnlyList<string>>();
        string? after = null;
        CustomerPage page;
        do
        {
            page = await readModel.QueryAsync(new CustomerQuery { TenantId = TenantId, First = CustomerQuery.MaxPageSize, After = after });
            pages.Add([.. page.Items.Select(i => i.CustomerId)]);
            after = page.EndCursor;
        }
        while (page.HasNextPage);
        foreach (var ids in pages)
            yield return ids;
    }
}

using Crm.Contracts;
using Crm.Contracts.Imports;
using Crm.CustomerCsv.Import;
using Crm.Contracts.Customers;
using Crm.CustomerReadModel.Queries;
using Crm.CustomerSilo.Customers;
using Crm.CustomerSilo.Imports;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Providers;
using Orleans.Storage;

namespace CustomerSilo.Tests.Imports;

/// <summary>CSV files imported through the import job grain into real customer grains and a real SQLite read model.</summary>
public sealed class CsvImportTests(CrmCluster crm) : IClassFixture<CrmCluster>
{
    private const string MixedFile = """
        Full Name,E-Mail,phone,birthday,country,tags,custom.vip
        Ada Lovelace,ada@example.com,,1990-12-10,GB,math;pioneer,yes
        Bad Email,not-an-email,,,,,
        Bad Birthday,bad.birthday@example.com,,31/12/1990,,,
        ,noname@example.com,,,,,
        Grace Hopper,,(201) 555-0123,,US,navy,
        Ada King,ADA@Example.com,,,,,
        Bad Country,atlantis@example.com,,,Atlantis,,
        Alan Turing,alan@example.com,+1 201 555 0144,,,,
        """;

    private static readonly ColumnMapping Mapping = ColumnMapping.Parse("name=Full Name,email=E-Mail");

    [Fact]
    public async Task Bad_rows_are_reported_and_skipped_good_rows_are_kept_and_a_second_run_updates_instead_of_duplicating()
    {
        var tenant = NewId();
        var first = await ImportAsync(tenant, "first", MixedFile);

        Assert.Equal((8L, 3L, 1L, 4L, true), (first.RowsDone, first.Created, first.Updated, first.Failed, first.Completed));
        Assert.Equal(
            [(2L, "email"), (3L, "birthday"), (4L, "name"), (7L, "address.country")],
            first.Errors.Select(e => (e.Row, e.Field)));
        Assert.All(first.Errors, e => Assert.False(string.IsNullOrWhiteSpace(e.Message)));

        var customers = await AllAsync(tenant);
        Assert.Equal(["ada@example.com", "alan@example.com", null], customers.Select(c => c.Email));
        // Row 6 had Ada's email in other case: it updated her (name, and nothing it left blank).
        var ada = customers.Single(c => c.Email == "ada@example.com");
        Assert.Equal(("Ada King", "GB", new DateOnly(1990, 12, 10)), (ada.Name, ada.Country, ada.Birthday));
        Assert.Equal("+12015550123", customers.Single(c => c.Name == "Grace Hopper").Phone);

        var second = await ImportAsync(tenant, "second", MixedFile);

        Assert.Equal((0L, 4L, 4L), (second.Created, second.Updated, second.Failed));
        Assert.Equal(customers.Select(c => c.CustomerId).Order(), (await AllAsync(tenant)).Select(c => c.CustomerId).Order());
    }

    [Fact]
    public async Task An_import_stopped_part_way_resumes_after_its_last_committed_row_without_applying_a_row_twice()
    {
        var tenant = NewId();
        var file = "name,email\n" + string.Concat(Enumerable.Range(1, 50).Select(i => $"Customer {i},c{i}@example.com\n"));
        using var stop = new CancellationTokenSource();
        var importer = new CsvImporter(crm.Cluster.Client, batchSize: 10);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => importer.RunAsync(
            tenant, "resumable", new StringReader(file), ColumnMapping.Default,
            onBatch: _ => { stop.Cancel(); return Task.CompletedTask; },
            cancellationToken: stop.Token));

        var stopped = await Job(tenant, "resumable").GetProgressAsync();
        Assert.InRange(stopped.RowsDone, 10, 40);
        Assert.Equal((stopped.RowsDone, 0L, false), (stopped.Created, stopped.Updated, stopped.Completed));
        Assert.Equal(stopped.RowsDone, (await AllAsync(tenant)).Count);

        var resumed = await importer.RunAsync(tenant, "resumable", new StringReader(file), ColumnMapping.Default);

        // Had a committed row been applied again, it would have matched its own customer and counted as updated.
        Assert.Equal((50L, 50L, 0L, 0L, true), (resumed.RowsDone, resumed.Created, resumed.Updated, resumed.Failed, resumed.Completed));
        Assert.Equal(50, (await AllAsync(tenant)).Select(c => c.Email).Distinct().Count());
    }

    [Fact]
    public async Task A_batch_sent_again_after_its_commit_is_skipped()
    {
        var tenant = NewId();
        var job = Job(tenant, "again");
        var rows = new[] { new ImportRow(1, new("No Keys")), new ImportRow(2, new("Also No Keys")) };

        await job.ApplyBatchAsync(rows);
        var again = await job.ApplyBatchAsync(rows);

        Assert.Equal((2L, 2L, 0L), (again.RowsDone, again.Created, again.Updated));
        Assert.Equal(2, (await AllAsync(tenant)).Count);
    }

    [Fact]
    public async Task A_mapping_that_names_a_missing_column_fails_before_any_row()
    {
        var tenant = NewId();
        var error = await Assert.ThrowsAsync<CsvMappingException>(() =>
            ImportAsync(tenant, "unmapped", "Full Name\nAda\n", ColumnMapping.Parse("name=Name Of Customer")));

        Assert.Contains("Name Of Customer", error.Message);
        Assert.Equal(0, (await Job(tenant, "unmapped").GetProgressAsync()).RowsDone);
    }

    [Fact]
    public async Task A_customer_stored_before_a_stop_lost_its_batchs_commit_is_brought_up_to_date_rather_than_created_twice()
    {
        var tenant = NewId();
        // What a stop after the bulk write of row 1 leaves: its customer's state stored, no listing, nothing committed.
        var firstId = ImportedCustomerIds.For("replayed", 1);
        var grainId = crm.Cluster.Client.GetGrain<ICustomerGrain>(TenantKey.For(tenant, firstId)).GetGrainId();
        var storage = crm.Cluster.Silos[0].ServiceProvider.GetRequiredKeyedService<IGrainStorage>(ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME);
        var stored = NewCustomers.Initial(new CustomerDetails("Ada Byron", "ada@example.com"), DateTimeOffset.UtcNow);
        stored.Version = 1;
        await storage.WriteStateAsync(CustomerGrain.ProfileState, grainId, new GrainState<CustomerState>(stored));

        var progress = await ImportAsync(tenant, "replayed", "Full Name,E-Mail\nAda Lovelace,ada@example.com\nAlan Turing,alan@example.com\n");

        Assert.Equal((2L, 2L, 0L, 0L), (progress.RowsDone, progress.Created, progress.Updated, progress.Failed));
        var customers = await AllAsync(tenant);
        Assert.Equal(["Ada Lovelace", "Alan Turing"], customers.Select(c => c.Name).Order());
        Assert.Equal(firstId, customers.Single(c => c.Name == "Ada Lovelace").CustomerId);
        var ada = await crm.Cluster.Client.GetGrain<ICustomerGrain>(TenantKey.For(tenant, firstId)).GetAsync();
        Assert.Equal(("Ada Lovelace", 2L), (ada!.Name, ada.Version));
    }

    private Task<ImportProgress> ImportAsync(string tenant, string importId, string csv, ColumnMapping? mapping = null) =>
        new CsvImporter(crm.Cluster.Client).RunAsync(tenant, importId, new StringReader(csv), mapping ?? Mapping);

    private IImportJobGrain Job(string tenant, string importId) =>
        crm.Cluster.Client.GetGrain<IImportJobGrain>(TenantKey.For(tenant, importId));

    private async Task<List<Crm.CustomerReadModel.Listings.CustomerListing>> AllAsync(string tenant)
    {
        var page = await crm.ReadModel.QueryAsync(new CustomerQuery { TenantId = tenant, First = CustomerQuery.MaxPageSize });
        Assert.False(page.HasNextPage);
        return [.. page.Items];
    }

    private static string NewId() => Guid.NewGuid().ToString("N");
}

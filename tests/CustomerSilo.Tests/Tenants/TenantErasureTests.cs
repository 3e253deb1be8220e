using Crm.AuditLog;
using Crm.AuditLog.Hosting;
using Crm.Contracts;
using Crm.Contracts.Customers;
using Crm.Contracts.Imports;
using Crm.Contracts.PersistedDocuments;
using Crm.Contracts.Segments;
using Crm.Contracts.Tenants;
using Crm.Contracts.Tenants.Access;
using Crm.Contracts.Tenants.Erasure;
using Crm.Contracts.Tenants.Plans;
using Crm.CustomerReadModel;
using Crm.CustomerReadModel.Hosting;
using Crm.CustomerReadModel.Queries;
using Crm.CustomerSilo.Cluster;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;

namespace CustomerSilo.Tests.Tenants;

/// <summary>
/// A tenant's erasure, proven on the stores themselves: the grain state in a real SQLite grain store (read with SQL,
/// not through the grains), the read model's file, the audit log's file, and the silo's own list of activations.
/// </summary>
public sealed class TenantErasureTests : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("crm-erasure-").FullName;
    private InProcessTestCluster _cluster = null!;
    private ServiceProvider _services = null!;

    private string GrainStore => $"Data Source={Path.Combine(_folder, "cluster.db")}";
    private IGrainFactory Grains => _cluster.Client;
    private ICustomerReadModel ReadModel => _services.GetRequiredService<ICustomerReadModel>();
    private IAuditLog Audit => _services.GetRequiredService<IAuditLog>();

    public async Task InitializeAsync()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [ReadModelServiceCollectionExtensions.ConnectionStringKey] = $"Data Source={Path.Combine(_folder, "customers.db")}",
        }).Build();
        void AddStores(IServiceCollection services) => services
            .AddCustomerReadModel(configuration)
            .AddAuditLog(configuration, ReadModelServiceCollectionExtensions.ProviderKey, ReadModelServiceCollectionExtensions.ConnectionStringKey);
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((_, silo) => silo
            // Rows deleted on clear, as erasure needs: a cleared row would otherwise keep its key (tenant and customer ids).
            .AddSqliteGrainStorageAsDefault(o => { o.ConnectionString = GrainStore; o.DeleteStateOnClear = true; })
            .StoreGrainStateInBinary()
            .UseInMemoryReminderService()
            .ConfigureServices(services =>
            {
                services.AddSingleton(TimeProvider.System).AddTestWebhookDelivery();
                AddStores(services);
            }));
        _cluster = builder.Build();
        await _cluster.DeployAsync();
        var services = new ServiceCollection();
        AddStores(services);
        _services = services.BuildServiceProvider();
    }

    public async Task DisposeAsync()
    {
        await _cluster.DisposeAsync();
        await _services.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task Erasing_a_tenant_leaves_no_row_state_activation_or_key_of_it_and_touches_no_other_tenant()
    {
        var erased = await CreateTenantAsync("Erased Ltd", customers: 12);
        var kept = await CreateTenantAsync("Kept Ltd", customers: 3);

        var report = await Grains.GetGrain<ITenantErasureGrain>(erased.Id).EraseAsync();

        Assert.Equal(12 + 2, report.Customers); // 12 created and 2 by the import
        Assert.Equal(1, report.Segments);
        Assert.Equal(1, report.Imports);
        Assert.Equal(1, report.PersistedDocuments);
        Assert.Equal(2, report.UsersAndKeys);
        Assert.Equal(2, report.AuditEntries);
        Assert.True(report.TenantRecord);

        // The read model and the audit log hold nothing of the tenant.
        Assert.Equal(0, await ReadModel.CountAsync(erased.Id, CustomerFilter.All));
        Assert.Empty((await Audit.QueryAsync(new AuditQuery(erased.Id))).Entries);
        // The grain store holds no row of any grain keyed by the tenant, nor its slug's.
        Assert.Empty(await StoredKeysAsync(erased.Id + "%"));
        Assert.Empty(await StoredKeysAsync(erased.Slug));
        // No activation keyed by the tenant is left (each erased grain deactivates once its call is done).
        await WaitUntilNoActivationOfAsync(erased.Id);
        // Its key no longer authenticates (asked last: asking activates an empty access grain again).
        Assert.Null(await Grains.GetGrain<ITenantAccessGrain>(erased.Id).VerifyApiKeyAsync(erased.KeyHash));
        Assert.Null(await Grains.GetGrain<ITenantSlugGrain>(erased.Slug).GetTenantIdAsync());

        // The other tenant is whole.
        Assert.Equal(3 + 2, await ReadModel.CountAsync(kept.Id, CustomerFilter.All));
        Assert.Equal(2, (await Audit.QueryAsync(new AuditQuery(kept.Id))).Entries.Count);
        Assert.NotNull(await Grains.GetGrain<ITenantAccessGrain>(kept.Id).VerifyApiKeyAsync(kept.KeyHash));
        Assert.Equal(kept.Id, await Grains.GetGrain<ITenantSlugGrain>(kept.Slug).GetTenantIdAsync());
        Assert.Single(await Grains.GetGrain<ISegmentsGrain>(kept.Id).ListAsync());
        Assert.NotNull(await Grains.GetGrain<ITenantGrain>(kept.Id).GetAsync());
        Assert.NotEmpty(await StoredKeysAsync(kept.Id + "%"));
    }

    [Fact]
    public async Task An_erasure_cut_short_is_finished_by_the_next_call_and_a_finished_one_finds_nothing_more()
    {
        var tenant = await CreateTenantAsync("Half Gone", customers: 5);
        // As if the silo died after the first steps: access erased, one customer deleted, the rest untouched.
        await Grains.GetGrain<ITenantAccessGrain>(tenant.Id).EraseAsync();
        var first = (await ReadModel.QueryAsync(new CustomerQuery { TenantId = tenant.Id, First = 1 })).Items[0].CustomerId;
        await Grains.GetGrain<ICustomerGrain>(TenantKey.For(tenant.Id, first)).DeleteAsync();

        var resumed = await Grains.GetGrain<ITenantErasureGrain>(tenant.Id).EraseAsync();
        var again = await Grains.GetGrain<ITenantErasureGrain>(tenant.Id).EraseAsync();

        Assert.Equal(5 + 2 - 1, resumed.Customers);
        Assert.Equal(0, resumed.UsersAndKeys);
        Assert.True(resumed.TenantRecord);
        Assert.Equal(new ErasureReport(tenant.Id, 0, 0, 0, 0, 0, 0, false, again.FinishedAt), again);
        Assert.Equal(0, await ReadModel.CountAsync(tenant.Id, CustomerFilter.All));
        Assert.Empty(await StoredKeysAsync(tenant.Id + "%"));
        await WaitUntilNoActivationOfAsync(tenant.Id);
    }

    private sealed record CreatedTenant(string Id, string Slug, string KeyHash);

    /// <summary>A tenant as sign-up makes it, with customers (one with an order), a segment, an import of 2 rows, a persisted document and 2 audit entries.</summary>
    private async Task<CreatedTenant> CreateTenantAsync(string name, int customers)
    {
        var id = TenantIds.New();
        var slug = "t" + id.ToLowerInvariant();
        var key = ApiKey.Create(id);
        Assert.True(await Grains.GetGrain<ITenantSlugGrain>(slug).ClaimAsync(id));
        await Grains.GetGrain<ITenantAccessGrain>(id).InitializeAsync(TenantPlan.Free,
            new NewUser("admin@example.com", "Admin", TenantRole.Admin, "hash"),
            new NewApiKey("first", [ApiKeyScope.Admin], key.SecretHash, key.DisplayPrefix, null, "sign-up"));
        await Grains.GetGrain<ITenantGrain>(id).RegisterAsync(new TenantRegistration(name, slug, "admin@example.com"));
        for (var i = 0; i < customers; i++)
            await Grains.GetGrain<ICustomerGrain>(TenantKey.For(id, $"c{i}")).CreateAsync(new CustomerDetails($"Customer {i}", $"c{i}@example.com"));
        await Grains.GetGrain<ICustomerGrain>(TenantKey.For(id, "c0")).RecordOrderAsync(new NewOrder(120m, "EUR"));
        await Grains.GetGrain<ISegmentsGrain>(id).CreateAsync(new NewSegment("Big spenders", null, """{"stages":["CUSTOMER"]}"""));
        var import = Grains.GetGrain<IImportJobGrain>(TenantKey.For(id, "import1"));
        await import.ApplyBatchAsync([
            new ImportRow(1, new CustomerDetails("Imported One", "one@import.example")),
            new ImportRow(2, new CustomerDetails("Imported Two", "two@import.example"))]);
        await import.CompleteAsync(2);
        await Grains.GetGrain<IPersistedDocumentsGrain>(id).AddAsync(new() { ["doc1"] = "{ customers { totalCount } }" });
        await Audit.AppendAsync(new AuditRecord(id, DateTimeOffset.UtcNow, "key:k1", "createCustomer", "c0", AuditOutcome.Ok, null, "203.0.113.7"));
        await Audit.AppendAsync(new AuditRecord(id, DateTimeOffset.UtcNow, "key:k1", "recordOrder", "c0", AuditOutcome.Ok, null, "203.0.113.7"));
        return new CreatedTenant(id, slug, key.SecretHash);
    }

    /// <summary>The grain keys of every stored state row whose key matches the SQL LIKE pattern, read from the store's file directly.</summary>
    private async Task<IReadOnlyList<string>> StoredKeysAsync(string pattern)
    {
        await using var connection = new SqliteConnection(GrainStore);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT grain_type || ' ' || grain_key FROM orleans_grain_state WHERE grain_key LIKE @pattern";
        command.Parameters.AddWithValue("@pattern", pattern);
        var keys = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            keys.Add(reader.GetString(0));
        return keys;
    }

    /// <summary>Waits (up to a deadline) until the management grain lists no activation whose key starts with the tenant id.</summary>
    private async Task WaitUntilNoActivationOfAsync(string tenantId)
    {
        var management = Grains.GetGrain<IManagementGrain>(0);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        IReadOnlyList<string> left;
        do
        {
            left = [.. (await management.GetDetailedGrainStatistics())
                .Select(s => s.GrainId)
                .Where(g => g.Key.ToString()!.StartsWith(tenantId, StringComparison.Ordinal))
                .Select(g => g.ToString())];
            if (left.Count == 0)
                return;
            await Task.Delay(50);
        }
        while (DateTime.UtcNow < deadline);
        Assert.Fail($"Activations of the erased tenant still live after 30 s: {string.Join(", ", left)}");
    }
}

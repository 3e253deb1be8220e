using Crm.Contracts;
using Crm.Contracts.Customers;
using Crm.Contracts.Tenants;
using Crm.CustomerSilo.Cluster;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Sqlite.Hosting;
using Orleans.TestingHost;

namespace CustomerSilo.Tests.Cluster;

/// <summary>
/// Acknowledged means durable: a customer whose creation was answered is read back after the silo that held it was
/// killed, from a fresh activation on the survivor that loads it from the SQLite store.
/// </summary>
public sealed class SurvivorTests : IAsyncLifetime, IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("crm-survivor-").FullName;
    private string ReadModelFile => Path.Combine(_folder, "customers.db");
    private InProcessTestCluster _cluster = null!;

    public async Task InitializeAsync()
    {
        var store = $"Data Source={Path.Combine(_folder, "cluster.db")}";
        var builder = new InProcessTestClusterBuilder(2);
        builder.ConfigureSilo((_, silo) => silo
            .AddSqliteGrainStorageAsDefault(options => options.ConnectionString = store)
            .StoreGrainStateInBinary()
            .UseSqliteReminderService(options => options.ConnectionString = store)
            .ConfigureServices(services => services.AddSingleton(TimeProvider.System).AddTestReadModel(ReadModelFile).AddTestWebhookDelivery()));
        _cluster = builder.Build();
        await _cluster.DeployAsync();
    }

    [Fact]
    public async Task Customers_acknowledged_before_their_silo_was_killed_are_read_back_from_the_survivor()
    {
        var tenantId = TenantIds.New();
        var names = Enumerable.Range(0, 50).ToDictionary(i => TenantKey.For(tenantId, $"c{i}"), i => $"Customer {i}");
        await Task.WhenAll(names.Select(c => _cluster.Client.GetGrain<ICustomerGrain>(c.Key).CreateAsync(new CustomerDetails(c.Value, "c@example.com"))));
        var victim = _cluster.Silos[1];
        Assert.Contains(names.Keys, key => Hosts(victim, key));

        await _cluster.KillSiloAsync(victim);
        await _cluster.WaitForLivenessToStabilizeAsync(didKill: true);

        foreach (var (key, name) in names)
            Assert.Equal(name, (await _cluster.Client.GetGrain<ICustomerGrain>(key).GetAsync())?.Name);
    }

    private bool Hosts(InProcessSiloHandle silo, string key) =>
        _cluster.TryGetGrainContext(_cluster.Client.GetGrain<ICustomerGrain>(key).GetGrainId(), out var context)
        && silo.SiloAddress.Equals(context.Address.SiloAddress);

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}

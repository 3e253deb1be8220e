using System.Data.Common;
using Crm.Contracts;
using Crm.Contracts.Customers;
using Crm.Contracts.Tenants;
using Crm.CustomerSilo.Cluster;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using Orleans.TestingHost;

namespace CustomerSilo.Tests.Cluster;

/// <summary>A caller learns why the store failed, in a type it can read, and nothing is acknowledged.</summary>
public sealed class StoreErrorsTests : IAsyncLifetime
{
    private readonly string _readModelFile = TestReadModel.NewFile();

    private InProcessTestCluster _cluster = null!;

    public async Task InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((_, silo) => silo
            .AddIncomingGrainCallFilter<StoreErrors>()
            .UseInMemoryReminderService()
            .ConfigureServices(services => services
                .AddSingleton(TimeProvider.System)
                .AddTestReadModel(_readModelFile)
                .AddTestWebhookDelivery()
                // Grains whose state names no provider take the unkeyed one.
                .AddSingleton<IGrainStorage, RefusingStorage>()));
        _cluster = builder.Build();
        await _cluster.DeployAsync();
    }

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task A_database_error_reaches_the_caller_as_a_store_error_with_the_databases_reason()
    {
        var customer = _cluster.Client.GetGrain<ICustomerGrain>(TenantKey.For(TenantIds.New(), "c1"));

        var error = await Assert.ThrowsAsync<StoreUnavailableException>(() => customer.CreateAsync(new CustomerDetails("Ada", "ada@example.com")));

        Assert.Contains("disk I/O error", error.Message);
        Assert.Contains("ICustomerGrain", error.Message);
    }

    /// <summary>Reads find nothing; every write fails as a database would.</summary>
    private sealed class RefusingStorage : IGrainStorage
    {
        public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => Task.CompletedTask;

        public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => throw new DiskFull();

        public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => throw new DiskFull();
    }

    private sealed class DiskFull() : DbException("disk I/O error");
}

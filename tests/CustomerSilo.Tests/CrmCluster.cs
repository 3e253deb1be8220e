using Crm.CustomerReadModel;
using Crm.CustomerSilo.Cluster;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;

namespace CustomerSilo.Tests;

/// <summary>Two silos hosting the CRM's grains, called through an external client, as the services call them.</summary>
public sealed class CrmCluster : IAsyncLifetime
{
    private readonly string _readModelFile = TestReadModel.NewFile();

    public InProcessTestCluster Cluster { get; private set; } = null!;

    /// <summary>The read model the silos write, opened on the same file as a GraphQL service would.</summary>
    public ICustomerReadModel ReadModel { get; private set; } = null!;

    /// <summary>The stores the silos write (read model, audit log), opened as a service beside the cluster would.</summary>
    public ServiceProvider Services { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder(2);
        builder.ConfigureSilo((_, silo) => silo
            .AddMemoryGrainStorageAsDefault()
            .StoreGrainStateInBinary()
            .UseInMemoryReminderService()
            .ConfigureServices(services => services.AddSingleton(TimeProvider.System).AddTestReadModel(_readModelFile).AddTestWebhookDelivery()));
        Cluster = builder.Build();
        await Cluster.DeployAsync();
        Services = new ServiceCollection().AddTestReadModel(_readModelFile).BuildServiceProvider();
        ReadModel = Services.GetRequiredService<ICustomerReadModel>();
    }

    public async Task DisposeAsync()
    {
        await Cluster.DisposeAsync();
        await Services.DisposeAsync();
    }

    /// <summary>Deactivates the grain, so that the next call activates it again from storage.</summary>
    public Task DeactivateAsync<TGrain>(string key) where TGrain : IGrainWithStringKey =>
        Cluster.DeactivateAsync(Cluster.Client.GetGrain<TGrain>(key));
}

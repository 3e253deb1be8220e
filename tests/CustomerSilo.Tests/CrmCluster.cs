using Actors.Testing;
using Crm.CustomerSilo;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerSilo.Tests;

/// <summary>Two silos hosting the CRM's actors, called through an external client over TCP, as the services call them.</summary>
public sealed class CrmCluster : IAsyncLifetime
{
    public TestCluster Cluster { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var options = new TestClusterOptions { ConfigureServices = services => services.AddSingleton(TimeProvider.System) };
        // Short enough that a test can see an idle customer collected and brought back from storage.
        options.Configuration["Actors:Activations:IdleAge"] = "00:00:00.2";
        Cluster = await TestCluster.StartAsync(2, silo => silo.AddCrmActors(), options);
    }

    public async Task DisposeAsync() => await Cluster.DisposeAsync();
}

using Actors;
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

    /// <summary>Collects the actor's idle activation, so that the next call activates it again from storage.</summary>
    public async Task DeactivateAsync<TActor>(string key) where TActor : IActor
    {
        var host = Cluster.Silos.Single(s => s.HostsActivation<TActor>(key));
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            host.CollectIdleActivations();
            if (!host.HostsActivation<TActor>(key))
                return;
            Assert.True(DateTime.UtcNow < deadline, $"{typeof(TActor).Name} '{key}' was not collected within 30 s");
            await Task.Delay(50);
        }
    }
}

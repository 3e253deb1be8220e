using Crm.CustomerReadModel;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;
using Orleans.Serialization;
using Orleans.Storage;
using Orleans.TestingHost;

namespace CustomerSilo.Tests.Webhooks;

/// <summary>
/// A silo whose grain state lives in a <see cref="DurableTestStorage"/>, so a test can shut the silo down and start a
/// new one on the same state, as a restart of the service would.
/// </summary>
public sealed class WebhookCluster : IAsyncDisposable
{
    private readonly string _readModelFile = TestReadModel.NewFile();

    /// <summary>The webhooks grain's wake-up reminder fires this often, so a test can wait for it.</summary>
    public static readonly TimeSpan WakeEvery = TimeSpan.FromSeconds(2);

    public DurableTestStorage Storage { get; } = new();

    public InProcessTestCluster Cluster { get; private set; } = null!;

    public IGrainFactory Grains => Cluster.Client;

    public async Task StartAsync()
    {
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((_, silo) => silo
            .UseInMemoryReminderService()
            .Configure<ReminderOptions>(options => options.MinimumReminderPeriod = WakeEvery)
            .ConfigureServices(services => services
                .AddSingleton(TimeProvider.System)
                .AddTestReadModel(_readModelFile)
                .AddTestWebhookDelivery(WakeEvery)
                // Grains whose state names no provider take the unkeyed one.
                .AddSingleton<IGrainStorage>(sp => Storage.For(sp.GetRequiredService<Serializer>()))));
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    /// <summary>Stops the silo (its grains' timers and memory go with it) and starts a new one on the same storage.</summary>
    public async Task RestartAsync()
    {
        await Cluster.DisposeAsync();
        await StartAsync();
    }

    public async ValueTask DisposeAsync() => await Cluster.DisposeAsync();
}

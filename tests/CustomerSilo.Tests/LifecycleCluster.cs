using Crm.CustomerReadModel;
using Crm.CustomerSilo.Cluster;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans.Configuration;
using Orleans.Reminders;
using Orleans.TestingHost;

namespace CustomerSilo.Tests;

/// <summary>
/// A silo whose grains and reminders run on a fake clock, so a test can let 90 days pass: the customer grain's
/// own reminders then fire as they would in production. Orleans' other timers (membership, messaging) keep the
/// real clock.
/// </summary>
public sealed class LifecycleCluster : IAsyncLifetime
{
    private readonly string _readModelFile = TestReadModel.NewFile();

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 1, 5, 9, 0, 0, TimeSpan.Zero));

    public InProcessTestCluster Cluster { get; private set; } = null!;

    public IGrainFactory Grains => Cluster.Client;

    /// <summary>The read model the silo writes, opened on the same file as a GraphQL service would.</summary>
    public ICustomerReadModel ReadModel { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((_, silo) => silo
            .AddMemoryGrainStorageAsDefault()
            .StoreGrainStateInBinary()
            .UseInMemoryReminderService()
            // Keep every reminder's timer armed however far off it is due, rather than reloaded from the table as it
            // nears: the hours the test lets pass then fire it directly.
            .Configure<ReminderOptions>(options => options.ReminderLoadingWindow = TimeSpan.FromDays(400))
            .ConfigureServices(services =>
            {
                services.AddSingleton<TimeProvider>(Clock);
                services.AddTestReadModel(_readModelFile);
                services.AddTestWebhookDelivery();
                services.AddKeyedSingleton<TimeProvider>(KeyedService.AnyKey, TimeProvider.System);
                services.AddKeyedSingleton<TimeProvider>(ReminderTimeProviderNames.Reminders, Clock);
            }));
        Cluster = builder.Build();
        await Cluster.DeployAsync();
        ReadModel = new ServiceCollection().AddTestReadModel(_readModelFile).BuildServiceProvider().GetRequiredService<ICustomerReadModel>();
    }

    public async Task DisposeAsync() => await Cluster.DisposeAsync();

    /// <summary>
    /// Lets days pass four hours at a time, giving the silo a moment after each step to do what falls due in it (the
    /// reminder service reloads its list and delivers ticks asynchronously, as it would on a real clock).
    /// </summary>
    public async Task PassDaysAsync(int days)
    {
        for (var step = 0; step < days * 6; step++)
        {
            Clock.Advance(TimeSpan.FromHours(4));
            await Task.Delay(1);
        }
    }

    /// <summary>
    /// Waits, with a deadline, for the condition. The silo's clock moves on a second a poll meanwhile: the webhook
    /// sender's timeouts and quick-retry delays run on it too, and would otherwise wait for a clock that no longer moves.
    /// </summary>
    public Task EventuallyAsync(Func<bool> condition, string what) => EventuallyAsync(() => Task.FromResult(condition()), what);

    /// <inheritdoc cref="EventuallyAsync(Func{bool}, string)"/>
    public async Task EventuallyAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"no {what} within 30 s");
            Clock.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(20);
        }
    }
}

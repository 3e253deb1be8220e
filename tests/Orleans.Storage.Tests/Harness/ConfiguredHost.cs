using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Messaging;
using Orleans.Runtime;
using Orleans.Storage;

namespace Orleans.Storage.Tests.Harness;

/// <summary>
/// A silo's (or client's) services built exactly as a service builds them, `builder.UseOrleans()` over the Orleans
/// configuration section. The contract tests never start it: they take the configured provider out of it and call it
/// directly, so every contract test also proves that the configuration finds and sets up the provider.
/// </summary>
public sealed class ConfiguredHost : IAsyncDisposable
{
    private readonly IHost _host;
    private readonly List<ProviderLifecycle> _lifecycles = [];
    private bool _started;

    private ConfiguredHost(IHost host) => _host = host;

    public IServiceProvider Services => _host.Services;

    /// <summary>A silo of cluster and service <paramref name="id"/> whose providers are <paramref name="settings"/>.</summary>
    public static ConfiguredHost Silo(string id, IReadOnlyDictionary<string, string?> settings, Action<HostApplicationBuilder>? customize = null) =>
        new(Build(id, settings, builder =>
        {
            customize?.Invoke(builder);
            builder.UseOrleans();
        }));

    /// <summary>
    /// A client of cluster <paramref name="id"/>, given only the Orleans:Clustering settings: an Orleans 10.4 client
    /// also applies Orleans:Reminders and Orleans:GrainStorage, and no provider registers a client side for those.
    /// </summary>
    public static ConfiguredHost Client(string id, IReadOnlyDictionary<string, string?> settings) =>
        new(Build(id, settings.Where(s => s.Key.StartsWith("Orleans:Clustering:", StringComparison.Ordinal)).ToDictionary(),
            builder => builder.UseOrleansClient()));

    private static IHost Build(string id, IReadOnlyDictionary<string, string?> settings, Action<HostApplicationBuilder> useOrleans)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection([
            new("Orleans:ClusterId", id),
            new("Orleans:ServiceId", id),
            .. settings,
        ]);
        useOrleans(builder);
        return builder.Build();
    }

    /// <summary>Starts the host: a client connects to its cluster.</summary>
    public async Task StartAsync()
    {
        await _host.StartAsync();
        _started = true;
    }

    public async Task<IMembershipTable> MembershipTableAsync()
    {
        var table = Services.GetRequiredService<IMembershipTable>();
        await table.InitializeMembershipTableAsync(tryInitTableVersion: true);
        return table;
    }

    public async Task<IGatewayListProvider> GatewayListProviderAsync()
    {
        var gateways = Services.GetRequiredService<IGatewayListProvider>();
        await gateways.InitializeGatewayListProviderAsync();
        return gateways;
    }

    public async Task<IGrainStorage> GrainStorageAsync(string name)
    {
        var storage = Services.GetRequiredKeyedService<IGrainStorage>(name);
        if (storage is ILifecycleParticipant<ISiloLifecycle> participant)
        {
            var lifecycle = new ProviderLifecycle();
            participant.Participate(lifecycle);
            await lifecycle.StartAsync();
            _lifecycles.Add(lifecycle);
        }
        return storage;
    }

    public async Task<IReminderTable> ReminderTableAsync()
    {
        var table = Services.GetRequiredService<IReminderTable>();
        await table.StartAsync();
        return table;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var lifecycle in _lifecycles)
            await lifecycle.StopAsync();
        if (_started)
            await _host.StopAsync();
        if (_host is IAsyncDisposable disposable)
            await disposable.DisposeAsync();
        else
            _host.Dispose();
    }
}

using System.Globalization;
using Actors.Hosting;
using Actors.Membership;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Actors.Testing;

/// <summary>How a <see cref="TestCluster"/> is set up.</summary>
public sealed class TestClusterOptions
{
    /// <summary>Unique per cluster by default, so clusters of parallel tests never see each other.</summary>
    public string ClusterId { get; set; } = "test-" + Guid.NewGuid().ToString("N")[..12];

    /// <summary>"memory" (default) or "sqlite" (then set <see cref="ConnectionString"/>).</summary>
    public string StorageProvider { get; set; } = "memory";

    public string ConnectionString { get; set; } = "";

    /// <summary>Fast membership timings, so that failure detection in tests takes seconds, not minutes.</summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromMilliseconds(200);

    public TimeSpan DeathTimeout { get; set; } = TimeSpan.FromSeconds(2);

    public TimeSpan CallTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Extra "Actors:..." (or any) configuration for every silo and the client.</summary>
    public Dictionary<string, string?> Configuration { get; } = [];

    /// <summary>Services the actors need (registered in every silo).</summary>
    public Action<IServiceCollection>? ConfigureServices { get; set; }
}

/// <summary>
/// N silos and one client in this process, sharing one store (Orleans' TestingHost): add a silo, stop one
/// gracefully, kill one (it vanishes without telling anyone), restart one, and wait for membership to settle.
/// </summary>
public sealed class TestCluster : IAsyncDisposable
{
    private readonly Action<ActorSiloBuilder> _configureSilo;
    private readonly List<TestSilo> _silos = [];
    private IHost? _client;

    private TestCluster(Action<ActorSiloBuilder> configureSilo, TestClusterOptions options)
    {
        _configureSilo = configureSilo;
        Options = options;
    }

    public TestClusterOptions Options { get; }

    /// <summary>The silos currently running (started and neither stopped nor killed).</summary>
    public IReadOnlyList<TestSilo> Silos
    {
        get
        {
            lock (_silos)
                return _silos.ToList();
        }
    }

    /// <summary>The cluster's external client: calls made through it travel over TCP like a GraphQL service's.</summary>
    public IActorFactory Client => _client?.Services.GetRequiredService<IActorFactory>()
        ?? throw new InvalidOperationException("The cluster has no client yet.");

    public static async Task<TestCluster> StartAsync(int silos, Action<ActorSiloBuilder> configureSilo, TestClusterOptions? options = null)
    {
        var cluster = new TestCluster(configureSilo, options ?? new TestClusterOptions());
        try
        {
            for (var i = 0; i < silos; i++)
                await cluster.StartSiloAsync().ConfigureAwait(false);
            var client = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
            cluster.Configure(client);
            client.AddActorClient();
            cluster._client = client.Build();
            await cluster._client.StartAsync().ConfigureAwait(false);
            await cluster.WaitForMembershipAsync().ConfigureAwait(false);
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Starts one more silo and returns once it is Active.</summary>
    public async Task<TestSilo> StartSiloAsync()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        Configure(builder);
        Options.ConfigureServices?.Invoke(builder.Services);
        builder.AddActorSilo(_configureSilo);
        var host = builder.Build();
        await host.StartAsync().ConfigureAwait(false);
        var silo = new TestSilo(host);
        lock (_silos)
            _silos.Add(silo);
        return silo;
    }

    /// <summary>Stops a silo gracefully: ShuttingDown, deactivate (persist) everything, Dead.</summary>
    public async Task StopSiloAsync(TestSilo silo)
    {
        Forget(silo);
        await silo.Host.StopAsync().ConfigureAwait(false);
        silo.Host.Dispose();
    }

    /// <summary>Kills a silo: it stops heartbeating and drops its connections without updating membership.</summary>
    public async Task KillSiloAsync(TestSilo silo)
    {
        Forget(silo);
        await silo.Silo.CrashAsync().ConfigureAwait(false);
        silo.Host.Dispose();
    }

    /// <summary>Kills (or stops) a silo and starts a new incarnation in its place.</summary>
    public async Task<TestSilo> RestartSiloAsync(TestSilo silo, bool graceful = true)
    {
        if (graceful)
            await StopSiloAsync(silo).ConfigureAwait(false);
        else
            await KillSiloAsync(silo).ConfigureAwait(false);
        return await StartSiloAsync().ConfigureAwait(false);
    }

    /// <summary>
    /// Waits until the membership table, every running silo and the client agree that exactly the running silos
    /// are Active (killed ones are declared Dead by failure detection first).
    /// </summary>
    public async Task WaitForMembershipAsync(TimeSpan? timeout = null)
    {
        var limit = timeout ?? TimeSpan.FromSeconds(30);
        var deadline = DateTime.UtcNow + limit;
        while (true)
        {
            var expected = Silos.Select(s => s.Address).OrderBy(a => a.ToString(), StringComparer.Ordinal).ToList();
            var agents = Silos.Select(s => s.Host.Services.GetRequiredService<MembershipAgent>()).ToList();
            if (_client is not null)
                agents.Add(_client.Services.GetRequiredService<MembershipAgent>());
            var settled = true;
            foreach (var agent in agents)
            {
                var view = await agent.RefreshAsync().ConfigureAwait(false);
                settled &= view.ActiveSilos.SequenceEqual(expected);
            }
            if (settled)
                return;
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException(
                    $"Membership did not settle on [{string.Join(", ", expected)}] within {limit.TotalSeconds} s; the table lists " +
                    string.Join(", ", (await agents[0].RefreshAsync().ConfigureAwait(false)).Snapshot.Silos.Select(s => $"{s.Address}={s.Status}")));
            }
            await Task.Delay(50).ConfigureAwait(false);
        }
    }

    private void Forget(TestSilo silo)
    {
        lock (_silos)
        {
            if (!_silos.Remove(silo))
                throw new InvalidOperationException($"Silo {silo.Address} is not running in this cluster.");
        }
    }

    private void Configure(HostApplicationBuilder builder)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Actors:ClusterId"] = Options.ClusterId,
            ["Actors:Storage:Provider"] = Options.StorageProvider,
            ["Actors:Storage:ConnectionString"] = Options.ConnectionString,
            ["Actors:Membership:HeartbeatInterval"] = Options.HeartbeatInterval.ToString("c", CultureInfo.InvariantCulture),
            ["Actors:Membership:RefreshInterval"] = Options.HeartbeatInterval.ToString("c", CultureInfo.InvariantCulture),
            ["Actors:Membership:DeathTimeout"] = Options.DeathTimeout.ToString("c", CultureInfo.InvariantCulture),
            ["Actors:CallTimeout"] = Options.CallTimeout.ToString("c", CultureInfo.InvariantCulture),
        };
        foreach (var (key, value) in Options.Configuration)
            settings[key] = value;
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
    }

    public async ValueTask DisposeAsync()
    {
        if (_client is not null)
        {
            await _client.StopAsync().ConfigureAwait(false);
            _client.Dispose();
        }
        foreach (var silo in Silos)
        {
            Forget(silo);
            await silo.Host.StopAsync().ConfigureAwait(false);
            silo.Host.Dispose();
        }
    }
}

/// <summary>One silo of a <see cref="TestCluster"/>.</summary>
public sealed class TestSilo(IHost host)
{
    public IHost Host => host;

    internal ActorSilo Silo => host.Services.GetRequiredService<ActorSilo>();

    public SiloAddress Address => Silo.Address ?? throw new InvalidOperationException("The silo has not started.");

    /// <summary>References whose calls start inside this silo (local when it owns the key).</summary>
    public IActorFactory Actors => host.Services.GetRequiredService<IActorFactory>();

    public int ActivationCount => Silo.ActivationCount;

    /// <summary>The state store this silo writes to, for seeding or inspecting records directly.</summary>
    public Persistence.IStateStore StateStore => Silo.Store;

    public bool IsServing => Silo.IsServing;

    /// <summary>True when this silo currently holds an activation for the key of this kind.</summary>
    public bool HostsActivation<TActor>(string key) where TActor : IActor =>
        Silo.Catalog.Activations.Any(a => a.Id.Key == key && a.Id.Kind == Invocation.ActorInterfaceRegistry.Get(typeof(TActor)).Kind);

    /// <summary>
    /// Cuts this silo off from its peers and the client while it keeps heartbeating to the store: its listener drops
    /// every call and probe that arrives, unanswered (a hung listener, or a partition between silos). Its own outbound
    /// connections still work. The others' probes should vote it Dead, and it should then fence itself.
    /// </summary>
    public void StopAnswering() => Silo.StopAnswering();

    /// <summary>Runs one idle-collection pass now instead of waiting for the collection interval.</summary>
    public int CollectIdleActivations() => Silo.Catalog.CollectOnce();

    public override string ToString() => Address.ToString();
}

using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Crm.AppHost.Networking;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AppHost.Tests.Running;

/// <summary>
/// The whole system from the real AppHost, through Aspire.Hosting.Testing, with its dashboard: started once for every
/// test of the collection (a start takes tens of seconds on 2 cores), on a data folder of its own.
/// </summary>
public sealed class RunningApp : IAsyncLifetime
{
    public static readonly TimeSpan StartPatience = TimeSpan.FromMinutes(5);
    public const string Dashboard = "aspire-dashboard";
    public static readonly string[] System = ["customer-silo-1", "graphql", "campaigns", "gateway"];
    public static readonly string[] SpareSilos = ["customer-silo-2", "customer-silo-3"];

    private readonly TempDirectory _data = new();
    private string[] _options = [];

    public DistributedApplication App { get; private set; } = null!;

    /// <summary>What the system's processes wrote to their consoles, for the messages of failing tests.</summary>
    public ResourceLogs Logs { get; } = new();

    public string DataDirectory => _data.Path;

    public int GatewayPort { get; } = LoopbackPorts.AllocateFree(1)[0];

    public Uri Gateway => new($"http://127.0.0.1:{GatewayPort}");

    public ResourceNotificationService Notifications => App.ResourceNotifications;

    /// <summary>The key of the dashboard's telemetry API (header x-api-key), as the AppHost made it.</summary>
    public string DashboardApiKey => App.Services.GetRequiredService<IConfiguration>()["AppHost:DashboardApiKey"]!;

    /// <summary>An app of a test's own, started with more options (such as <c>--storage postgres</c>).</summary>
    public static async Task<RunningApp> StartAsync(params string[] options)
    {
        var app = new RunningApp { _options = options };
        await app.InitializeAsync();
        return app;
    }

    public async Task InitializeAsync()
    {
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.AppHost>(
            ["--data", _data.Path, "--port", GatewayPort.ToString(), .. _options],
            // Aspire.Hosting.Testing leaves the dashboard out by default; these tests are about it too.
            (options, _) => options.DisableDashboard = false);
        builder.Services.AddLogging(logging => logging.AddProvider(Logs));
        App = await builder.BuildAsync();
        using var patience = new CancellationTokenSource(StartPatience);
        await App.StartAsync(patience.Token);
        foreach (var resource in System)
            await WaitHealthyAsync(resource, patience.Token);
        await Notifications.WaitForResourceAsync(Dashboard, KnownResourceStates.Running, patience.Token);
    }

    private async Task WaitHealthyAsync(string resource, CancellationToken cancellation)
    {
        try
        {
            await Notifications.WaitForResourceHealthyAsync(resource, cancellation);
        }
        catch (OperationCanceledException e)
        {
            // Aspire's message says only that the process finished; its console says why.
            throw new InvalidOperationException($"{e.Message}\nThe last lines {resource} wrote:\n{Logs.TailOf(resource)}", e);
        }
    }

    /// <summary>The dashboard's login address with its browser token, as the dashboard resource publishes it.</summary>
    public Uri DashboardLogin()
    {
        Assert.True(Notifications.TryGetCurrentState(Dashboard, out var dashboard), "the dashboard resource is missing");
        var login = dashboard.Snapshot.Urls.FirstOrDefault(u => u.Url.Contains("/login?t=", StringComparison.Ordinal));
        Assert.True(login is not null, $"the dashboard publishes no login address: {string.Join(", ", dashboard.Snapshot.Urls.Select(u => u.Url))}");
        return new Uri(login.Url);
    }

    /// <summary>The environment the orchestrator started a resource's process with.</summary>
    public IReadOnlyDictionary<string, string?> EnvironmentOf(string resource)
    {
        Assert.True(Notifications.TryGetCurrentState(resource, out var state), $"{resource} is not in the app");
        return state.Snapshot.EnvironmentVariables.Where(e => e.IsFromSpec).ToDictionary(e => e.Name, e => e.Value);
    }

    public async Task DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
        _data.Dispose();
    }
}

/// <summary>Tests of one running app; two apps at once on 2 cores only slow each other.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class RunningAppCollection : ICollectionFixture<RunningApp>
{
    public const string Name = "running app";
}

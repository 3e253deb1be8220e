using System.Diagnostics;
using ActorProbes;
using Actors;
using Actors.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Crm.Benchmarks.Actors;

/// <summary>A silo or client host inside the benchmark process, with its own store and cluster id.</summary>
internal sealed class BenchHost : IAsyncDisposable
{
    private readonly IHost _host;

    private BenchHost(IHost host) => _host = host;

    public IActorFactory Actors => _host.Services.GetRequiredService<IActorFactory>();

    internal ActorSilo Silo => _host.Services.GetRequiredService<ActorSilo>();

    public static Task<BenchHost> SiloAsync(Dictionary<string, string?> settings) =>
        StartAsync(settings, builder => builder.AddActorSilo(silo => silo.AddActor<IProbeActor, ProbeActor>()));

    public static Task<BenchHost> ClientAsync(Dictionary<string, string?> settings) =>
        StartAsync(settings, builder => builder.AddActorClient());

    private static async Task<BenchHost> StartAsync(Dictionary<string, string?> settings, Action<HostApplicationBuilder> role)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        role(builder);
        var host = builder.Build();
        await host.StartAsync().ConfigureAwait(false);
        return new BenchHost(host);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync().ConfigureAwait(false);
        _host.Dispose();
    }
}

/// <summary>The test silo host (tests/Actors.TestSilo) as a separate process, for client → silo calls over loopback.</summary>
internal sealed class SiloProcess : IAsyncDisposable
{
    private readonly Process _process;

    private SiloProcess(Process process) => _process = process;

    public static async Task<SiloProcess> StartAsync(Dictionary<string, string?> settings)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Actors.TestSilo.dll"));
        foreach (var (key, value) in settings)
            start.ArgumentList.Add($"--{key}={value}");
        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start the silo process.");
        var ready = process.StandardOutput.ReadLineAsync();
        if (await Task.WhenAny(ready, Task.Delay(TimeSpan.FromSeconds(90))).ConfigureAwait(false) != ready
            || (await ready.ConfigureAwait(false))?.StartsWith("READY", StringComparison.Ordinal) != true)
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException("The silo process did not report READY within 90 s.");
        }
        return new SiloProcess(process);
    }

    public async ValueTask DisposeAsync()
    {
        _process.StandardInput.Close();
        using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        try
        {
            await _process.WaitForExitAsync(grace.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
        }
        _process.Dispose();
    }
}

/// <summary>A temporary folder for a benchmark's SQLite file.</summary>
internal sealed class TempStore : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "crm-bench-actors-" + Guid.NewGuid().ToString("N"));

    public TempStore() => Directory.CreateDirectory(_folder);

    public Dictionary<string, string?> Settings(string provider = "sqlite") => new()
    {
        ["Actors:ClusterId"] = "bench-" + Guid.NewGuid().ToString("N")[..8],
        ["Actors:Storage:Provider"] = provider,
        ["Actors:Storage:ConnectionString"] = provider == "sqlite" ? $"Data Source={Path.Combine(_folder, "actors.db")}" : _folder,
    };

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // still open somewhere; the OS cleans temp eventually
        }
    }
}

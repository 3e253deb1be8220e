using Crm.AppHost.Networking;
using Crm.Benchmarks.Actors.Probes;
using Crm.Benchmarks.Processes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Storage;

namespace Crm.Benchmarks.Actors;

/// <summary>Where a benchmark silo keeps the probe grains' state: Orleans' memory provider, or a SQLite file.</summary>
internal sealed record ProbeStorage(string? SqliteConnectionString)
{
    public static readonly ProbeStorage Memory = new((string?)null);
}

/// <summary>A single-silo Orleans cluster inside the benchmark process, on loopback ports of its own.</summary>
internal sealed class BenchSilo(IHost host) : IAsyncDisposable
{
    public IGrainFactory Grains => host.Services.GetRequiredService<IGrainFactory>();

    /// <summary>The probe grains' storage provider, for seeding state before the grains first activate.</summary>
    public IGrainStorage Storage => host.Services.GetRequiredKeyedService<IGrainStorage>(ProbeGrain.StorageName);

    public Task<int> ActivationCountAsync() => Grains.GetGrain<IManagementGrain>(0).GetTotalActivationCount();

    public static async Task<BenchSilo> StartAsync(ProbeStorage storage)
    {
        var host = Build(new SiloPorts(LoopbackPorts.AllocateOne(), LoopbackPorts.AllocateOne()), storage, NewClusterId());
        await host.StartAsync().ConfigureAwait(false);
        return new BenchSilo(host);
    }

    /// <summary>The silo host, shared by the in-process silo and the silo process of <see cref="SiloProcess"/>.</summary>
    public static IHost Build(SiloPorts ports, ProbeStorage storage, string clusterId)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.AddConsole(console => console.LogToStandardErrorThreshold = LogLevel.Trace).SetMinimumLevel(LogLevel.Warning);
        builder.UseOrleans(silo =>
        {
            silo.UseLocalhostClustering(ports.Silo, ports.Gateway, serviceId: clusterId, clusterId: clusterId);
            SiloTuning.Apply(silo);
            if (storage.SqliteConnectionString is { } connectionString)
                silo.AddSqliteGrainStorage(ProbeGrain.StorageName, options => options.ConnectionString = connectionString);
            else
                silo.AddMemoryGrainStorage(ProbeGrain.StorageName);
        });
        return builder.Build();
    }

    /// <summary>A cluster id of its own, so that no two benchmark silos ever take each other for peers.</summary>
    public static string NewClusterId() => "bench-" + Guid.NewGuid().ToString("N")[..8];

    public async ValueTask DisposeAsync()
    {
        await host.StopAsync().ConfigureAwait(false);
        host.Dispose();
    }
}

internal readonly record struct SiloPorts(int Silo, int Gateway);

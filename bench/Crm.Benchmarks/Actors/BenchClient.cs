using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Crm.Benchmarks.Actors;

/// <summary>An external Orleans client in the benchmark process, connected to a silo process's gateway.</summary>
internal sealed class BenchClient(IHost host) : IAsyncDisposable
{
    public IGrainFactory Grains => host.Services.GetRequiredService<IClusterClient>();

    public static async Task<BenchClient> ConnectAsync(SiloProcess silo)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.AddConsole(console => console.LogToStandardErrorThreshold = LogLevel.Trace).SetMinimumLevel(LogLevel.Warning);
        builder.UseOrleansClient(client => client.UseLocalhostClustering(silo.Ports.Gateway, serviceId: silo.ClusterId, clusterId: silo.ClusterId));
        var host = builder.Build();
        await host.StartAsync().ConfigureAwait(false);
        return new BenchClient(host);
    }

    public async ValueTask DisposeAsync()
    {
        await host.StopAsync().ConfigureAwait(false);
        host.Dispose();
    }
}

using Crm.ClusterConnection;

namespace Crm.Gateway.Cells;

/// <summary>
/// One Orleans client per cell. The home cell's is the gateway's own; Orleans allows one client per host, so each
/// further cell's client runs in a small host of its own, configured from the cell's Orleans section, started with
/// the gateway and stopped with it.
/// </summary>
public sealed class CellClusterClients(GatewayCells cells, IClusterClient home, TenantDirectoryView directory, ILogger<CellClusterClients> logger)
    : ICellClients, IHostedService, IAsyncDisposable
{
    private readonly Dictionary<string, IHost> _hosts = [];

    public IGrainFactory ForCell(string cell)
    {
        if (cell == cells.Home)
            return home;
        return _hosts.TryGetValue(cell, out var host)
            ? host.Services.GetRequiredService<IClusterClient>()
            : throw new InvalidOperationException($"The gateway has no cluster client for cell '{cell}': add {GatewayCells.CellsKey}:{cell} to its configuration.");
    }

    public IGrainFactory ForTenant(string tenantId) => ForCell(directory.PlacementOf(tenantId).Cell);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var (name, orleans) in cells.All.Values.Where(c => c.Orleans is not null).Select(c => (c.Name, c.Orleans!)))
        {
            var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
            builder.Configuration.AddConfiguration(orleans.GetParentless());
            builder.AddClusterClient();
            var host = builder.Build();
            await host.StartAsync(cancellationToken);
            _hosts[name] = host;
            logger.LogInformation("Connected to cell {Cell} (cluster {ClusterId}).", name, orleans["ClusterId"]);
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        foreach (var host in _hosts.Values)
            await host.StopAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var host in _hosts.Values)
            await CastAndDispose(host);
        _hosts.Clear();
    }

    private static async ValueTask CastAndDispose(IHost host)
    {
        if (host is IAsyncDisposable disposable)
            await disposable.DisposeAsync();
        else
            host.Dispose();
    }
}

file static class SectionAsOrleansConfiguration
{
    /// <summary>The cell's section as the "Orleans" section of a configuration of its own, where the client reads it.</summary>
    public static IConfiguration GetParentless(this IConfigurationSection orleans) =>
        new ConfigurationBuilder().AddInMemoryCollection(
            orleans.AsEnumerable(makePathsRelative: true)
                .Where(pair => pair.Value is not null)
                .Select(pair => new KeyValuePair<string, string?>($"Orleans:{pair.Key}", pair.Value))).Build();
}

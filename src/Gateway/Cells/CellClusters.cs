using Crm.Gateway.Routing;
using Microsoft.Extensions.Primitives;
using Yarp.ReverseProxy.Configuration;

namespace Crm.Gateway.Cells;

/// <summary>
/// One YARP cluster per cell, named by the cell, its destination the cell's GraphQL service. When configuration
/// changes (a cell added, its addresses changed) the clusters are rebuilt and handed to YARP live: requests in flight
/// finish on the old ones, new requests use the new ones, and nothing restarts. A change that does not make a valid
/// set of cells is logged and the running set kept.
/// </summary>
public sealed class CellClusters(IConfiguration configuration, InMemoryConfigProvider yarp, ILogger<CellClusters> logger) : IHostedService, IDisposable
{
    private IDisposable? _subscription;

    public static IReadOnlyList<ClusterConfig> Build(GatewayCells cells) =>
    [
        .. cells.All.Values.Select(cell => new ClusterConfig
        {
            ClusterId = cell.Name,
            Destinations = new Dictionary<string, DestinationConfig> { [$"{cell.Name}-graphql"] = new() { Address = cell.GraphQL } },
        }),
    ];

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _subscription = ChangeToken.OnChange(configuration.GetReloadToken, Reload);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose() => _subscription?.Dispose();

    private void Reload()
    {
        try
        {
            var cells = GatewayCells.From(configuration);
            var clusters = Build(cells);
            if (SameClusters(yarp.GetConfig().Clusters, clusters))
                return;
            yarp.Update(GatewayRoutes.Build(cells.Home), clusters);
            logger.LogInformation("Cells reloaded: {Cells}.", string.Join(", ", cells.All.Keys));
        }
        catch (InvalidOperationException e)
        {
            logger.LogError(e, "The cells in configuration are not valid; the gateway keeps routing to the ones it had.");
        }
    }

    private static bool SameClusters(IReadOnlyList<ClusterConfig> running, IReadOnlyList<ClusterConfig> next) =>
        running.Count == next.Count && running.Zip(next).All(pair => pair.First.Equals(pair.Second));
}

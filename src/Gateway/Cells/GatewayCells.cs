using Crm.Gateway.Routing;

namespace Crm.Gateway.Cells;

/// <summary>
/// The cells this gateway routes to, from configuration. The home cell is always there: its GraphQL service is
/// <c>graphql</c> and its cluster is the one of the gateway's own Orleans client (Orleans:*). Each further cell is a
/// section <c>Gateway:Cells:&lt;name&gt;</c> with <c>GraphQL</c> (the service's name for service discovery, so its
/// addresses are <c>services__&lt;name&gt;__http__N</c>) and <c>Orleans</c> (its cluster, the same keys as the
/// Orleans section).
/// </summary>
public sealed record GatewayCells(string Home, IReadOnlyDictionary<string, GatewayCell> All)
{
    public const string HomeKey = "Gateway:HomeCell";
    public const string CellsKey = "Gateway:Cells";
    public const string DefaultHome = "cell-1";

    public bool Contains(string cell) => All.ContainsKey(cell);

    public static GatewayCells From(IConfiguration configuration)
    {
        var home = configuration[HomeKey] ?? DefaultHome;
        var cells = new Dictionary<string, GatewayCell>(StringComparer.Ordinal)
        {
            [home] = new(home, GatewayRoutes.ServiceAddress(configuration, GatewayRoutes.GraphQL), Orleans: null),
        };
        foreach (var section in configuration.GetSection(CellsKey).GetChildren())
        {
            if (section.Key == home)
                throw new InvalidOperationException($"{CellsKey}:{home} names the home cell, which is the gateway's own cluster and the graphql service; remove the section.");
            var service = section["GraphQL"]
                ?? throw new InvalidOperationException($"{CellsKey}:{section.Key}:GraphQL is not set: name the cell's GraphQL service (as service discovery knows it).");
            var orleans = section.GetSection("Orleans");
            if (orleans["ClusterId"] is null)
                throw new InvalidOperationException($"{CellsKey}:{section.Key}:Orleans:ClusterId is not set: give the cell's Orleans cluster (the keys of the Orleans section).");
            cells[section.Key] = new(section.Key, GatewayRoutes.ServiceAddress(configuration, service), orleans);
        }
        return new GatewayCells(home, cells);
    }
}

/// <param name="GraphQL">The cell's GraphQL service as YARP sends to it (<c>http://&lt;service&gt;</c>).</param>
/// <param name="Orleans">The cell's Orleans client configuration; null for the home cell, whose client is the gateway's own.</param>
public sealed record GatewayCell(string Name, string GraphQL, IConfigurationSection? Orleans);

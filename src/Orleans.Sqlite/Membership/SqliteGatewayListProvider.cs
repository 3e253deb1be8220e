using System.Net;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Messaging;
using Orleans.Runtime;

namespace Orleans.Sqlite.Membership;

/// <summary>
/// The gateways an Orleans client may connect to: the silos of its cluster that are Active and listen for clients
/// (gateway port above zero), read from the membership table the silos keep in the same file.
/// </summary>
public sealed class SqliteGatewayListProvider(
    IOptions<SqliteClusteringOptions> options,
    IOptions<ClusterOptions> clusterOptions,
    IOptions<GatewayOptions> gatewayOptions) : IGatewayListProvider
{
    private readonly SqliteDatabase _database = new(options.Value.ConnectionString, "Orleans:Clustering:ConnectionString", MembershipSchema.Sql);
    private readonly string _clusterId = clusterOptions.Value.ClusterId
        ?? throw new ArgumentException("Orleans:ClusterId is empty: a client must name the cluster id of the silos it calls.");

    public TimeSpan MaxStaleness => gatewayOptions.Value.GatewayListRefreshPeriod;

    // Orleans 10.4 calls the *Async members; these older members are still abstract, so they delegate.
    [Obsolete("This attribute is no longer used and all providers are considered updatable")]
    bool IGatewayListProvider.IsUpdatable => true;

    Task IGatewayListProvider.InitializeGatewayListProvider() => InitializeGatewayListProviderAsync(CancellationToken.None);

    Task<IList<Uri>> IGatewayListProvider.GetGateways() => GetGatewaysAsync(CancellationToken.None);

    public Task InitializeGatewayListProviderAsync(CancellationToken cancellationToken) => Task.Run(_database.EnsureSchema, cancellationToken);

    public Task<IList<Uri>> GetGatewaysAsync(CancellationToken cancellationToken) => Task.Run<IList<Uri>>(() =>
    {
        using var connection = _database.Open();
        using var command = connection.Command(
            "SELECT address, proxy_port, generation FROM orleans_membership WHERE cluster_id = @cluster AND status = @active AND proxy_port > 0",
            null, ("@cluster", _clusterId), ("@active", (int)SiloStatus.Active));
        using var reader = command.ExecuteReader();
        var gateways = new List<Uri>();
        while (reader.Read())
            gateways.Add(SiloAddress.New(new IPEndPoint(IPAddress.Parse(reader.GetString(0)), reader.GetInt32(1)), reader.GetInt32(2)).ToGatewayUri());
        return gateways;
    }, cancellationToken);
}

using System.Net;
using Orleans.Configuration;

namespace Crm.CustomerSilo.Cluster;

/// <summary>
/// In local mode the AppHost advertises 127.0.0.1 (Orleans:Endpoints:AdvertisedIPAddress): then the silo also
/// listens on 127.0.0.1 only, where Orleans would otherwise listen on every interface of the machine.
/// </summary>
public static class LoopbackEndpoints
{
    public static ISiloBuilder ListenOnLoopbackWhenAdvertised(this ISiloBuilder silo) => silo.Configure<EndpointOptions>(options =>
    {
        if (!IPAddress.IsLoopback(options.AdvertisedIPAddress))
            return;
        options.SiloListeningEndpoint = new IPEndPoint(options.AdvertisedIPAddress, options.SiloPort);
        options.GatewayListeningEndpoint = new IPEndPoint(options.AdvertisedIPAddress, options.GatewayPort);
    });
}

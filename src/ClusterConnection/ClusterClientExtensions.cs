using Crm.ClusterConnection.Resilience;
using Crm.ClusterConnection.Security;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;
using Orleans.Hosting;

namespace Crm.ClusterConnection;

/// <summary>
/// How a service that calls the customer silos joins the cluster as an Orleans client. Which silos there are comes
/// from the standard Orleans configuration (Orleans:ClusterId, Orleans:Clustering), which the AppHost fills for the
/// chosen storage mode; this assembly brings the clustering providers of every mode. With Crm:Cluster:Tls set, the
/// client speaks TLS to the silos (<see cref="ClusterTls"/>).
/// </summary>
public static class ClusterClientExtensions
{
    /// <summary>How long a grain call from a service may go unanswered before it fails with a TimeoutException.</summary>
    public static readonly TimeSpan ResponseTimeout = TimeSpan.FromSeconds(10);

    /// <summary>How often the client reads which gateways (silos) there are.</summary>
    public static readonly TimeSpan GatewayListRefreshPeriod = TimeSpan.FromSeconds(5);

    public static IHostApplicationBuilder AddClusterClient(this IHostApplicationBuilder builder)
    {
        var tls = ClusterTls.FromConfiguration(builder.Configuration);
        builder.UseOrleansClient(client =>
        {
            // A silo added while the system runs starts taking this client's calls within seconds, not Orleans'
            // default minute; a silo that dies is dropped at once, when its connection breaks.
            client.Configure<GatewayOptions>(options => options.GatewayListRefreshPeriod = GatewayListRefreshPeriod)
                // A request that was inside a silo when it died is never answered; the caller learns it after this
                // long instead of Orleans' default 30 s. Long polls (the live feed's) wait well below it.
                .Configure<ClientMessagingOptions>(options => options.ResponseTimeout = ResponseTimeout)
                .AddOutgoingGrainCallFilter(new RetryRejectedCalls(TimeProvider.System))
                .AddActivityPropagation();
            if (tls is not null)
                client.UseTls(tls.Configure);
        });
        return builder;
    }
}

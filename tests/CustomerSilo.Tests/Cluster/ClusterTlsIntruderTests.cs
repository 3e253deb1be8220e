using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using Crm.ClusterConnection.Security;
using Crm.Contracts.Tenants;
using Crm.Tests.Shared;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Connections.Security;
using Orleans.Runtime.Messaging;

namespace CustomerSilo.Tests.Cluster;

/// <summary>
/// A silo on real sockets with the cluster's certificate, as in cluster mode: a process that reaches its gateway
/// port without that certificate, knowing the cluster's ids and a tenant's grain key, calls no grain at all, so
/// nothing but a cluster member can go around the gateway to a tenant's state.
/// </summary>
public sealed class ClusterTlsIntruderTests : IAsyncLifetime
{
    private const string ClusterId = "crm-tls-test";
    private readonly X509Certificate2 _clusterCertificate = TestCertificates.SelfSigned();
    private readonly int _siloPort = FreePort();
    private readonly int _gatewayPort = FreePort();
    private IHost _silo = null!;

    public async Task InitializeAsync()
    {
        var tls = new ClusterTls(_clusterCertificate);
        var builder = Host.CreateApplicationBuilder();
        builder.UseOrleans(silo => silo
            .UseLocalhostClustering(_siloPort, _gatewayPort, serviceId: ClusterId, clusterId: ClusterId)
            .UseTls(tls.Configure)
            .AddMemoryGrainStorageAsDefault());
        _silo = builder.Build();
        await _silo.StartAsync();
    }

    [Fact]
    public async Task A_client_with_the_cluster_certificate_is_served()
    {
        using var member = await ConnectAsync(client => client.UseTls(new ClusterTls(_clusterCertificate).Configure));

        var slug = "tls-" + Guid.NewGuid().ToString("N")[..8];
        var tenantId = TenantIds.New();
        Assert.True(await member.Services.GetRequiredService<IClusterClient>().GetGrain<ITenantSlugGrain>(slug).ClaimAsync(tenantId));
    }

    [Theory]
    [InlineData("plain TCP")]
    [InlineData("TLS with a certificate of its own")]
    public async Task A_client_without_the_cluster_certificate_is_refused_before_any_grain_call(string how)
    {
        var slug = "tls-" + Guid.NewGuid().ToString("N")[..8];
        using (var member = await ConnectAsync(client => client.UseTls(new ClusterTls(_clusterCertificate).Configure)))
            Assert.True(await member.Services.GetRequiredService<IClusterClient>().GetGrain<ITenantSlugGrain>(slug).ClaimAsync(TenantIds.New()));

        var error = await Record.ExceptionAsync(async () =>
        {
            using var intruder = await ConnectAsync(client =>
            {
                if (how != "plain TCP")
                    client.UseTls(TestCertificates.SelfSigned(), o => o.AllowAnyRemoteCertificate());
            });
            await intruder.Services.GetRequiredService<IClusterClient>().GetGrain<ITenantSlugGrain>(slug).GetTenantIdAsync();
        }).WaitAsync(TimeSpan.FromSeconds(60));

        // Refused at the handshake: the silo drops a connection that is not TLS, or whose certificate is not the cluster's.
        Assert.IsType<ConnectionFailedException>(error);
    }

    /// <summary>A client host that tries the silo's gateway once, as an intruder with no reason to wait would.</summary>
    private async Task<IHost> ConnectAsync(Action<IClientBuilder> configure)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.UseOrleansClient(client =>
        {
            client.UseLocalhostClustering(_gatewayPort, serviceId: ClusterId, clusterId: ClusterId);
            client.Services.AddSingleton<IClientConnectionRetryFilter, NoRetry>();
            configure(client);
        });
        var host = builder.Build();
        try
        {
            await host.StartAsync();
            return host;
        }
        catch
        {
            host.Dispose();
            throw;
        }
    }

    private sealed class NoRetry : IClientConnectionRetryFilter
    {
        public Task<bool> ShouldRetryConnectionAttempt(Exception exception, CancellationToken cancellationToken) => Task.FromResult(false);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }


    public async Task DisposeAsync()
    {
        await _silo.StopAsync();
        _silo.Dispose();
    }
}

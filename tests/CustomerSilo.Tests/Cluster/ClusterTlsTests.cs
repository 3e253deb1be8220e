using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Crm.ClusterConnection.Security;
using Crm.Contracts.Tenants;
using Crm.CustomerSilo.Cluster;
using Crm.Tests.Shared;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Connections.Security;
using Orleans.TestingHost;

namespace CustomerSilo.Tests.Cluster;

/// <summary>Silos and clients that share the cluster's certificate talk over TLS; another certificate is refused.</summary>
public sealed class ClusterTlsTests : IAsyncLifetime, IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("crm-tls-").FullName;
    private string ReadModelFile => Path.Combine(_folder, "customers.db");
    private InProcessTestCluster _cluster = null!;
    private ClusterTls _tls = null!;

    public async Task InitializeAsync()
    {
        var path = Path.Combine(_folder, "cluster.pfx");
        await File.WriteAllBytesAsync(path, TestCertificates.SelfSigned("CN=crm-cluster").Export(X509ContentType.Pkcs12, "pfx-password"));
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Crm:Cluster:Tls:CertificatePath"] = path,
            ["Crm:Cluster:Tls:CertificatePassword"] = "pfx-password",
        }).Build();
        _tls = ClusterTls.FromConfiguration(configuration)!;

        var builder = new InProcessTestClusterBuilder(2);
        builder.ConfigureSilo((_, silo) => silo
            .UseTls(_tls.Configure)
            .AddMemoryGrainStorageAsDefault()
            .StoreGrainStateInBinary()
            .UseInMemoryReminderService()
            .ConfigureServices(services => services.AddSingleton(TimeProvider.System).AddTestReadModel(ReadModelFile).AddTestWebhookDelivery()));
        builder.ConfigureClient(client => client.UseTls(_tls.Configure));
        _cluster = builder.Build();
        await _cluster.DeployAsync();
    }

    [Fact]
    public async Task Two_silos_and_a_client_with_the_cluster_certificate_serve_calls_over_TLS()
    {
        var slug = "tls-" + Guid.NewGuid().ToString("N")[..8];
        var tenantId = TenantIds.New();

        // The slug grain lives on one of the two silos, so a call from the client crosses TLS at least once.
        Assert.True(await _cluster.Client.GetGrain<ITenantSlugGrain>(slug).ClaimAsync(tenantId));
        Assert.Equal(tenantId, await _cluster.Client.GetGrain<ITenantSlugGrain>(slug).GetTenantIdAsync());
    }

    [Fact]
    public void A_peer_is_admitted_only_with_the_cluster_certificate()
    {
        var options = new TlsOptions();
        _tls.Configure(options);

        Assert.Equal(RemoteCertificateMode.RequireCertificate, options.RemoteCertificateMode);
        Assert.Equal(RemoteCertificateMode.RequireCertificate, options.ClientCertificateMode);
        Assert.True(options.RemoteCertificateValidation!(_tls.Certificate, null, SslPolicyErrors.RemoteCertificateChainErrors));
        Assert.False(options.RemoteCertificateValidation(TestCertificates.SelfSigned("CN=crm-cluster"), null, SslPolicyErrors.None));
    }

    [Fact]
    public void A_certificate_path_that_does_not_exist_is_refused_with_what_to_do()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Crm:Cluster:Tls:CertificatePath"] = Path.Combine(_folder, "missing.pfx"),
        }).Build();

        var error = Assert.Throws<InvalidOperationException>(() => ClusterTls.FromConfiguration(configuration));

        Assert.Contains("missing.pfx", error.Message);
        Assert.Contains("remove the setting", error.Message);
    }


    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}

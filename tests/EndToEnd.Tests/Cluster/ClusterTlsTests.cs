using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using Crm.Tests.Shared;

namespace EndToEnd.Tests.Cluster;

/// <summary>
/// A system whose AppHost is given the cluster's certificate, as an operator whose cluster traffic leaves the machine
/// would: every service inherits Crm__Cluster__Tls__*, so silos and their clients speak only TLS to each other.
/// </summary>
public sealed class TlsSystem : SystemFixture
{
    private const string Password = "cluster certificate password";

    public X509Certificate2 Certificate { get; } = TestCertificates.SelfSigned();

    private string CertificatePath => Path.Combine(DataDirectory, "cluster.pfx");

    protected override Dictionary<string, string> Environment => new(base.Environment)
    {
        ["Crm__Cluster__Tls__CertificatePath"] = CertificatePath,
        ["Crm__Cluster__Tls__CertificatePassword"] = Password,
    };

    public override async Task InitializeAsync()
    {
        await File.WriteAllBytesAsync(CertificatePath, Certificate.Export(X509ContentType.Pkcs12, Password));
        await base.InitializeAsync();
    }
}

/// <summary>The whole system with TLS between silos and clients: it serves as without, and its silo ports admit only the cluster's certificate.</summary>
[Collection(SystemCollection.Name)]
public sealed class ClusterTlsTests(TlsSystem system) : IClassFixture<TlsSystem>
{
    [Fact]
    public async Task Tenants_sign_up_and_customers_are_written_and_read_through_the_gateway_over_tls_between_the_services()
    {
        var tenant = await system.Client.SignUpAsync("Encrypted Ltd");

        var (_, created) = await system.Client.GraphQLAsync(tenant.ApiKey, """mutation { createCustomer(input: {name: "Tess Tls"}) { customer { id } } }""");
        var id = (string)created["data"]!["createCustomer"]!["customer"]!["id"]!;
        var (_, read) = await system.Client.GraphQLAsync(tenant.ApiKey, "query($id: ID!) { customer(id: $id) { name } }", new { id });

        Assert.Equal("Tess Tls", (string?)read["data"]!["customer"]!["name"]);
    }

    [Fact]
    public async Task Each_silo_port_presents_the_cluster_certificate_and_drops_a_peer_without_it()
    {
        var silo = Assert.Single(system.Host.SiloProcesses());
        foreach (var variable in new[] { "Orleans__Endpoints__SiloPort", "Orleans__Endpoints__GatewayPort" })
        {
            var port = int.Parse(AppHostProcess.EnvironmentVariable(silo.Id, variable)
                ?? throw new InvalidOperationException($"The silo has no {variable}."));

            using (var member = await HandshakeAsync(port, system.Certificate))
            {
                Assert.Equal(system.Certificate.Thumbprint, member.RemoteCertificate?.GetCertHashString());
                Assert.False(await EndsWithinAsync(member, TimeSpan.FromSeconds(1)), $"{variable} {port} dropped a member.");
            }
            Assert.True(await IsDroppedAsync(port), $"{variable} {port} kept a peer without the cluster certificate.");
        }
    }

    private static async Task<SslStream> HandshakeAsync(int port, X509Certificate2? clientCertificate)
    {
        var tcp = new TcpClient();
        await tcp.ConnectAsync("127.0.0.1", port);
        var tls = new SslStream(tcp.GetStream(), leaveInnerStreamOpen: false);
        await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
        {
            TargetHost = "crm-cluster",
            ClientCertificates = clientCertificate is null ? null : [clientCertificate],
            // The test looks at the certificate itself below; the cluster's is self-issued.
            RemoteCertificateValidationCallback = (_, _, _, _) => true,
        });
        return tls;
    }

    /// <summary>
    /// Whether the silo ends a connection that offers no client certificate: the handshake fails, or (TLS 1.3 asks for
    /// the certificate after it) the first read meets the silo's refusal, where a member's connection stays open.
    /// </summary>
    private static async Task<bool> IsDroppedAsync(int port)
    {
        try
        {
            using var stranger = await HandshakeAsync(port, clientCertificate: null);
            return await EndsWithinAsync(stranger, TimeSpan.FromSeconds(10));
        }
        catch (AuthenticationException)
        {
            return true;
        }
    }

    /// <summary>Whether the other side ends or breaks the connection within <paramref name="patience"/>, without sending anything.</summary>
    private static async Task<bool> EndsWithinAsync(SslStream connection, TimeSpan patience)
    {
        using var timeout = new CancellationTokenSource(patience);
        try
        {
            return await connection.ReadAsync(new byte[64], timeout.Token) == 0;
        }
        catch (Exception e) when (e is AuthenticationException or IOException)
        {
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}

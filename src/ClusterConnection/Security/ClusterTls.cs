using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Configuration;
using Orleans.Connections.Security;

namespace Crm.ClusterConnection.Security;

/// <summary>
/// TLS between silos, and between clients and silos, for clusters whose traffic leaves the machine. Every member
/// holds the cluster's one certificate (Crm:Cluster:Tls:CertificatePath, a PKCS#12 file, with
/// Crm:Cluster:Tls:CertificatePassword) and accepts a peer only if it presents that same certificate: the cluster
/// is a closed group, so pinning its own certificate needs no public CA. Without a path, traffic is plain TCP, as in
/// local mode, where everything stays on 127.0.0.1.
/// </summary>
public sealed class ClusterTls(X509Certificate2 certificate)
{
    public const string Section = "Crm:Cluster:Tls";

    public X509Certificate2 Certificate { get; } = certificate;

    /// <summary>The cluster's certificate, or null when TLS is not configured.</summary>
    public static ClusterTls? FromConfiguration(IConfiguration configuration)
    {
        var section = configuration.GetSection(Section);
        if (section["CertificatePath"] is not { Length: > 0 } path)
            return null;
        if (!File.Exists(path))
            throw new InvalidOperationException($"{Section}:CertificatePath names '{path}', which does not exist. Give the path of the cluster's PKCS#12 (.pfx) certificate, or remove the setting to run without TLS.");
        var certificate = X509CertificateLoader.LoadPkcs12FromFile(path, section["CertificatePassword"]);
        if (!certificate.HasPrivateKey)
            throw new InvalidOperationException($"The certificate in '{path}' has no private key; a cluster member needs one to prove it holds the certificate.");
        return new ClusterTls(certificate);
    }

    /// <summary>Our certificate on every connection, and a peer admitted only with the same one.</summary>
    public void Configure(TlsOptions options)
    {
        options.LocalCertificate = Certificate;
        options.RemoteCertificateMode = RemoteCertificateMode.RequireCertificate;
        options.ClientCertificateMode = RemoteCertificateMode.RequireCertificate;
        // The certificate is self-issued, so the chain does not verify; what admits a peer is that it is ours.
        options.RemoteCertificateValidation = (remote, _, _) => remote.RawDataMemory.Span.SequenceEqual(Certificate.RawDataMemory.Span);
    }
}

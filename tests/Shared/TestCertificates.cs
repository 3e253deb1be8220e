using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Crm.Tests.Shared;

internal static class TestCertificates
{
    /// <summary>A new self-issued certificate with its private key, valid today: a cluster's own, or an impostor's.</summary>
    public static X509Certificate2 SelfSigned(string subject = "CN=crm-cluster")
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), null);
    }
}

using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Crm.ServiceDefaults.Tenancy;

/// <summary>
/// HMAC-SHA256 over "tenantId\ntimestamp" with the cluster's gateway secret. The timestamp bounds how long a
/// captured header set stays usable (<see cref="MaxAge"/>).
/// </summary>
public sealed class TenantContextSigner(byte[] secret, TimeProvider time)
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(5);

    public const string SecretConfigurationKey = "Crm:GatewaySecret";

    public (string Timestamp, string Signature) Sign(string tenantId)
    {
        var timestamp = time.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        return (timestamp, Compute(tenantId, timestamp));
    }

    public bool Verify(string tenantId, string timestamp, string signature)
    {
        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
            return false;
        var age = time.GetUtcNow() - DateTimeOffset.FromUnixTimeSeconds(seconds);
        if (age.Duration() > MaxAge)
            return false;
        var expected = Encoding.ASCII.GetBytes(Compute(tenantId, timestamp));
        return CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(signature));
    }

    private string Compute(string tenantId, string timestamp) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(secret, Encoding.UTF8.GetBytes($"{tenantId}\n{timestamp}")));

    /// <summary>Reads the base64 secret the AppHost hands every service; refuses a missing or short one.</summary>
    public static byte[] ParseSecret(string? base64)
    {
        if (string.IsNullOrWhiteSpace(base64))
            throw new InvalidOperationException(
                $"{SecretConfigurationKey} is not set. The AppHost sets it for every service; to run a service by hand, " +
                "set the environment variable Crm__GatewaySecret to the base64 of 32 random bytes (the same value for every service).");
        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(base64);
        }
        catch (FormatException)
        {
            throw new InvalidOperationException($"{SecretConfigurationKey} is not valid base64.");
        }
        if (bytes.Length < 32)
            throw new InvalidOperationException($"{SecretConfigurationKey} must hold at least 32 bytes; it holds {bytes.Length}.");
        return bytes;
    }
}

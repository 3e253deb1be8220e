using System.Security.Cryptography;
using System.Text;

namespace Crm.Contracts.Tenants;

/// <summary>
/// A tenant API key, "crm_{tenantId}_{secret}". The tenant id inside lets the gateway ask exactly one tenant
/// actor to check it; only the SHA-256 of the secret is ever stored. The secret is 32 random bytes, so a fast
/// hash is enough (there is nothing to brute-force, unlike a password).
/// </summary>
public sealed record ApiKey(string TenantId, string Secret)
{
    private const string Prefix = "crm_";

    public static ApiKey Create(string tenantId) =>
        new(tenantId, Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_'));

    public static bool TryParse(string? text, out ApiKey key)
    {
        key = null!;
        if (text is null || !text.StartsWith(Prefix, StringComparison.Ordinal))
            return false;
        var rest = text.AsSpan(Prefix.Length);
        // The tenant id holds no '_'; the secret (base64url) may.
        var split = rest.IndexOf('_');
        if (split <= 0 || split == rest.Length - 1)
            return false;
        key = new ApiKey(rest[..split].ToString(), rest[(split + 1)..].ToString());
        return true;
    }

    public string SecretHash => HashSecret(Secret);

    public static string HashSecret(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    public override string ToString() => $"{Prefix}{TenantId}_{Secret}";
}

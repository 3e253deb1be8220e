using System.Security.Cryptography;
using System.Text;

namespace Crm.Contracts.Tenants;

/// <summary>
/// A tenant API key, "crm_{tenantId}_{secret}". The tenant id inside lets the gateway ask exactly one tenant
/// actor to check it; only the SHA-256 of the secret is ever stored. The secret is 32 random bytes, so a fast
/// hash is enough (there is nothing to brute-force, unlike a password). Invitation tokens have the same form with
/// the prefix <see cref="InvitationPrefix"/>.
/// </summary>
public sealed record ApiKey(string TenantId, string Secret, string Prefix = ApiKey.KeyPrefix)
{
    public const string KeyPrefix = "crm_";
    public const string InvitationPrefix = "inv_";

    public static ApiKey Create(string tenantId, string prefix = KeyPrefix) =>
        new(tenantId, Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_'), prefix);

    public static bool TryParse(string? text, out ApiKey key, string prefix = KeyPrefix)
    {
        key = null!;
        if (text is null || !text.StartsWith(prefix, StringComparison.Ordinal))
            return false;
        var rest = text.AsSpan(prefix.Length);
        // The tenant id holds no '_'; the secret (base64url) may.
        var split = rest.IndexOf('_');
        if (split <= 0 || split == rest.Length - 1)
            return false;
        key = new ApiKey(rest[..split].ToString(), rest[(split + 1)..].ToString(), prefix);
        return true;
    }

    public string SecretHash => HashSecret(Secret);

    /// <summary>The start of the key, enough to tell keys apart in a list and nowhere near enough to use one.</summary>
    public string DisplayPrefix => $"{Prefix}{TenantId}_{Secret[..Math.Min(8, Secret.Length)]}";

    public static string HashSecret(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    public override string ToString() => $"{Prefix}{TenantId}_{Secret}";
}

using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Caching.Memory;

namespace Crm.ServiceDefaults.Tenancy;

/// <summary>When and how a set of claims was signed: the nonce makes every signed request unique.</summary>
public sealed record SignedStamp(string Timestamp, string Nonce, string Signature);

/// <summary>
/// HMAC-SHA256 over every claim, a timestamp and a nonce, with the cluster's gateway secret. The timestamp bounds how
/// long a captured header set stays usable (<see cref="MaxAge"/>); within that time each service instance remembers
/// the nonces it has accepted, so the same header set is accepted once only.
/// </summary>
public sealed class TenantContextSigner(byte[] secret, TimeProvider time)
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(30);

    public const string SecretConfigurationKey = "Crm:GatewaySecret";

    // Sized for about 30 s of a busy instance's requests; an entry is a few dozen bytes.
    private readonly MemoryCache _seenNonces = new(new MemoryCacheOptions { SizeLimit = 1_000_000 });

    public SignedStamp Sign(TenantClaims claims)
    {
        var timestamp = time.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var nonce = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        return new SignedStamp(timestamp, nonce, Compute(claims, timestamp, nonce));
    }

    /// <summary>True once for a fresh, untampered stamp; false if forged, expired or already used.</summary>
    public bool Verify(TenantClaims claims, SignedStamp stamp)
    {
        if (!long.TryParse(stamp.Timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
            return false;
        var age = time.GetUtcNow() - DateTimeOffset.FromUnixTimeSeconds(seconds);
        if (age.Duration() > MaxAge || stamp.Nonce.Length != 32)
            return false;
        var expected = Encoding.ASCII.GetBytes(Compute(claims, stamp.Timestamp, stamp.Nonce));
        if (!CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(stamp.Signature)))
            return false;
        // Only a correctly signed nonce is remembered, so forgeries cannot fill the cache.
        lock (_seenNonces)
        {
            if (_seenNonces.TryGetValue(stamp.Nonce, out _))
                return false;
            _seenNonces.Set(stamp.Nonce, true, new MemoryCacheEntryOptions { AbsoluteExpirationRelativeToNow = MaxAge * 2, Size = 1 });
        }
        return true;
    }

    private string Compute(TenantClaims claims, string timestamp, string nonce)
    {
        // Newlines separate the fields and never occur inside one (ids, names, addresses), so no two claim sets share a text.
        var text = string.Join('\n', "v2", claims.TenantId, claims.Actor, string.Join(' ', claims.Permissions), claims.Plan, claims.ClientAddress, timestamp, nonce);
        return Convert.ToHexStringLower(HMACSHA256.HashData(secret, Encoding.UTF8.GetBytes(text)));
    }

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

using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Crm.Webhooks.Signing;

/// <summary>
/// What a receiver runs on each request: the <see cref="WebhookSignature.SignatureHeader"/> must carry a timestamp
/// within <paramref name="tolerance"/> of the receiver's clock and a v1 signature matching the raw body (the exact
/// bytes received, before any JSON parsing) under the webhook's secret. Several v1 entries may appear (while a secret
/// is rotated); one matching is enough.
/// </summary>
public sealed class WebhookVerifier(string secret, TimeSpan tolerance, TimeProvider time)
{
    /// <summary>Five minutes either way: enough for clock skew and the sender's quick retries, short enough to stop replays.</summary>
    public static readonly TimeSpan DefaultTolerance = TimeSpan.FromMinutes(5);

    public WebhookVerifier(string secret) : this(secret, DefaultTolerance, TimeProvider.System) { }

    public WebhookVerification Verify(string? signatureHeader, string body)
    {
        if (string.IsNullOrWhiteSpace(signatureHeader))
            return WebhookVerification.Missing;
        long? timestamp = null;
        var candidates = new List<string>();
        foreach (var part in signatureHeader.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = part.IndexOf('=');
            if (eq <= 0)
                return WebhookVerification.Malformed;
            var (key, value) = (part[..eq], part[(eq + 1)..]);
            if (key == "t" && long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var t))
                timestamp = t;
            else if (key == "v1")
                candidates.Add(value);
        }
        if (timestamp is not { } unix || candidates.Count == 0)
            return WebhookVerification.Malformed;
        var age = time.GetUtcNow() - DateTimeOffset.FromUnixTimeSeconds(unix);
        if (age.Duration() > tolerance)
            return WebhookVerification.Expired;
        var expected = Encoding.ASCII.GetBytes(WebhookSignature.Compute(secret, unix, body));
        // Fixed-time comparison, so the time taken tells an attacker nothing about how much of a guess was right.
        return candidates.Any(c => CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(c)))
            ? WebhookVerification.Valid
            : WebhookVerification.Mismatch;
    }
}

public enum WebhookVerification { Valid, Missing, Malformed, Expired, Mismatch }

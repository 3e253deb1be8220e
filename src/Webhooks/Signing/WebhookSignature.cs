using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Crm.Webhooks.Signing;

/// <summary>
/// How a webhook request is signed: <c>Crm-Signature: t=&lt;unix seconds&gt;,v1=&lt;hex HMAC-SHA256 of "t.body"&gt;</c>.
/// The timestamp is inside the signed text, so a receiver that checks it against its clock refuses replays of old
/// requests; the event id header lets it drop the duplicates that at-least-once delivery sends.
/// </summary>
public static class WebhookSignature
{
    public const string SignatureHeader = "Crm-Signature";
    public const string EventIdHeader = "Crm-Event-Id";
    public const string EventTypeHeader = "Crm-Event-Type";

    /// <summary>A new signing secret: 32 random bytes, prefixed so a leaked one is recognisable in logs and scans.</summary>
    public static string NewSecret() => "whsec_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));

    public static string Header(string secret, DateTimeOffset timestamp, string body) =>
        Header(timestamp.ToUnixTimeSeconds(), Compute(secret, timestamp.ToUnixTimeSeconds(), body));

    internal static string Header(long unixSeconds, string hex) => $"t={unixSeconds.ToString(CultureInfo.InvariantCulture)},v1={hex}";

    internal static string Compute(string secret, long unixSeconds, string body)
    {
        var signed = Encoding.UTF8.GetBytes(unixSeconds.ToString(CultureInfo.InvariantCulture) + "." + body);
        return Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), signed));
    }
}

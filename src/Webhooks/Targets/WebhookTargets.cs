using System.Net;
using System.Net.Sockets;

namespace Crm.Webhooks.Targets;

/// <summary>
/// Where a webhook may point. Tenants choose the URL, so a SaaS that posts to any address could be made to reach its
/// own internal network (SSRF): loopback, private, link-local (cloud metadata at 169.254.169.254) and similar
/// addresses are refused unless <c>AllowPrivateTargets</c> is set, which only local development and tests should do.
/// The check runs twice: on the URL when the webhook is created (a clear error for the tenant) and on every address
/// the sender actually connects to (a host name can resolve to a private address later).
/// </summary>
public static class WebhookTargets
{
    public const int MaxUrlLength = 2_000;

    /// <summary>The URL as a <see cref="Uri"/>, or why it cannot be a webhook target.</summary>
    public static (Uri? Url, string? Error) Check(string? url, bool allowPrivateTargets)
    {
        if (string.IsNullOrWhiteSpace(url) || url.Length > MaxUrlLength)
            return (null, $"Give the absolute http or https URL the events should be posted to (at most {MaxUrlLength} characters).");
        if (!Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
            return (null, $"'{url}' is not an absolute http or https URL.");
        if (uri.UserInfo.Length > 0)
            return (null, "Put no user name or password in the URL; receivers check the Crm-Signature header instead.");
        if (!allowPrivateTargets && IsPrivateHost(uri))
            return (null, $"'{uri.Host}' is a loopback or private network address; webhooks are posted over the internet only.");
        return (uri, null);
    }

    public static bool IsPrivate(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
            address = address.MapToIPv4();
        if (IPAddress.IsLoopback(address) || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any))
            return true;
        if (address.AddressFamily == AddressFamily.InterNetworkV6)
            return address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6UniqueLocal || address.IsIPv6Multicast;
        var b = address.GetAddressBytes();
        return b[0] switch
        {
            0 or 10 or 127 => true,
            100 => b[1] >= 64 && b[1] <= 127, // carrier-grade NAT
            169 => b[1] == 254,               // link-local, cloud metadata
            172 => b[1] >= 16 && b[1] <= 31,
            192 => b[1] == 168 || (b[1] == 0 && b[2] == 0),
            >= 224 => true,                   // multicast and reserved
            _ => false,
        };
    }

    private static bool IsPrivateHost(Uri uri) =>
        uri.IsLoopback
        || uri.Host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase)
        || uri.Host.EndsWith(".internal", StringComparison.OrdinalIgnoreCase)
        || (IPAddress.TryParse(uri.DnsSafeHost, out var address) && IsPrivate(address));
}

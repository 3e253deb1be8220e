using System.Net.Http.Headers;
using Microsoft.AspNetCore.Http;

namespace Crm.ServiceDefaults.Tenancy;

/// <summary>
/// The headers the gateway adds after it has authenticated a caller. Services trust them only with a valid signature,
/// so a request that reaches a service around the gateway cannot pick a tenant, an actor or a permission.
/// </summary>
public static class TenantContextHeaders
{
    public const string TenantId = "X-Crm-Tenant";
    public const string Actor = "X-Crm-Actor";
    public const string Permissions = "X-Crm-Permissions";
    public const string Plan = "X-Crm-Plan";
    public const string ClientAddress = "X-Crm-Client";
    public const string Timestamp = "X-Crm-Tenant-Timestamp";
    public const string Nonce = "X-Crm-Tenant-Nonce";
    public const string Signature = "X-Crm-Tenant-Signature";

    /// <summary>Every header of the context: the gateway removes all of them from what a client sent.</summary>
    public static readonly string[] All = [TenantId, Actor, Permissions, Plan, ClientAddress, Timestamp, Nonce, Signature];

    public static void Write(IHeaderDictionary headers, TenantClaims claims, SignedStamp stamp)
    {
        foreach (var (name, value) in Values(claims, stamp))
            headers[name] = value;
    }

    /// <summary>The same headers on a request the gateway makes itself (an operator's export).</summary>
    public static void Write(HttpRequestHeaders headers, TenantClaims claims, SignedStamp stamp)
    {
        foreach (var (name, value) in Values(claims, stamp))
            headers.Add(name, value);
    }

    private static IEnumerable<(string Name, string Value)> Values(TenantClaims claims, SignedStamp stamp) =>
    [
        (TenantId, claims.TenantId), (Actor, claims.Actor), (Permissions, string.Join(' ', claims.Permissions)), (Plan, claims.Plan),
        (ClientAddress, claims.ClientAddress), (Timestamp, stamp.Timestamp), (Nonce, stamp.Nonce), (Signature, stamp.Signature),
    ];

    /// <summary>The claims and stamp as sent; null when the request carries no tenant at all.</summary>
    public static (TenantClaims Claims, SignedStamp Stamp)? Read(IHeaderDictionary headers)
    {
        var tenantId = headers[TenantId].ToString();
        if (tenantId.Length == 0)
            return null;
        var claims = new TenantClaims(
            tenantId,
            headers[Actor].ToString(),
            headers[Permissions].ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries),
            headers[Plan].ToString(),
            headers[ClientAddress].ToString());
        return (claims, new SignedStamp(headers[Timestamp].ToString(), headers[Nonce].ToString(), headers[Signature].ToString()));
    }
}

namespace Crm.ServiceDefaults.Tenancy;

/// <summary>
/// The headers the gateway adds after it has authenticated a caller. Services trust a tenant id only
/// with a valid signature, so a request that reaches a service around the gateway cannot pick a tenant.
/// </summary>
public static class TenantContextHeaders
{
    public const string TenantId = "X-Crm-Tenant";
    public const string Timestamp = "X-Crm-Tenant-Timestamp";
    public const string Signature = "X-Crm-Tenant-Signature";

    public static readonly string[] All = [TenantId, Timestamp, Signature];
}

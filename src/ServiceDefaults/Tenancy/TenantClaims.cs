namespace Crm.ServiceDefaults.Tenancy;

/// <summary>
/// What the gateway vouches for about a request: the tenant, who acts (a user or an API key), what they may do,
/// the tenant's plan and the caller's address. Services trust these only with the gateway's signature.
/// </summary>
/// <param name="Actor">"user:&lt;id&gt;" or "key:&lt;id&gt;": who the audit log names.</param>
/// <param name="Permissions">Permission names (the CRM's contracts define them); the gateway derives them from a role or a key's scopes.</param>
public sealed record TenantClaims(string TenantId, string Actor, IReadOnlyList<string> Permissions, string Plan, string ClientAddress)
{
    public bool Has(string permission) => Permissions.Contains(permission, StringComparer.Ordinal);
}

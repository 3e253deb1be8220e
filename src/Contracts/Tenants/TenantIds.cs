namespace Crm.Contracts.Tenants;

/// <summary>Tenant ids are 32 lowercase hex digits: no '/', no '_', safe in keys, paths and API keys.</summary>
public static class TenantIds
{
    public static string New() => Guid.NewGuid().ToString("N");

    public static bool IsValid(string? id) =>
        id is { Length: 32 } && id.All(c => char.IsAsciiDigit(c) || c is >= 'a' and <= 'f');
}

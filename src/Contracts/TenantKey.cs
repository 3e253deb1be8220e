namespace Crm.Contracts;

/// <summary>
/// Builds and reads tenant-scoped grain keys, "{tenantId}/{id}". Tenant ids and entity ids are
/// generated identifiers without '/', so the split is unambiguous.
/// </summary>
public static class TenantKey
{
    public const char Separator = '/';

    public static string For(string tenantId, string id)
    {
        if (string.IsNullOrEmpty(tenantId) || tenantId.Contains(Separator))
            throw new ArgumentException($"A tenant id must be non-empty and contain no '{Separator}'.", nameof(tenantId));
        if (string.IsNullOrEmpty(id) || id.Contains(Separator))
            throw new ArgumentException($"An id must be non-empty and contain no '{Separator}'.", nameof(id));
        return string.Concat(tenantId, Separator.ToString(), id);
    }

    public static (string TenantId, string Id) Parse(string key)
    {
        var at = key.IndexOf(Separator);
        if (at <= 0 || at == key.Length - 1 || key.IndexOf(Separator, at + 1) >= 0)
            throw new FormatException($"'{key}' is not a tenant-scoped key of the form tenantId/id.");
        return (key[..at], key[(at + 1)..]);
    }
}

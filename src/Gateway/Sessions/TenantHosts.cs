namespace Crm.Gateway.Sessions;

/// <summary>
/// The portal of a tenant answers on its own host name, "{slug}.localhost" on a developer machine (browsers resolve
/// every *.localhost to the loopback address) or "{slug}.{Gateway:TenantHostSuffix}" in a deployment.
/// </summary>
public static class TenantHosts
{
    public const string DefaultSuffix = "localhost";

    /// <summary>The slug a host name names, or null for the bare gateway host.</summary>
    public static string? SlugOf(HostString host, string suffix = DefaultSuffix)
    {
        var name = host.Host;
        var tail = "." + suffix;
        if (!name.EndsWith(tail, StringComparison.OrdinalIgnoreCase))
            return null;
        var slug = name[..^tail.Length].ToLowerInvariant();
        return slug.Length > 0 && !slug.Contains('.') ? slug : null;
    }
}

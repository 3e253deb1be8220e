namespace Crm.Contracts.Tenants.Access;

/// <summary>The staff of a tenant company, as a CRM sees them.</summary>
public enum TenantRole
{
    /// <summary>Runs the tenant: everything, including users, keys and settings.</summary>
    Admin,

    /// <summary>Sales reps: customers, orders, deals.</summary>
    Sales,

    /// <summary>Service staff: customers, complaints, surveys, follow-ups.</summary>
    Service,

    /// <summary>Marketing: reads customers, defines segments and campaigns.</summary>
    Marketing,

    /// <summary>Management and analysts: read-only.</summary>
    Analyst,
}

/// <summary>What an API key may do; a key holds one or more.</summary>
public enum ApiKeyScope
{
    Read,
    Write,
    Admin,
}

public static class AccessRules
{
    public static IReadOnlyList<string> PermissionsOf(TenantRole role) => role switch
    {
        TenantRole.Admin => Permissions.All,
        TenantRole.Sales => [Permissions.Read, Permissions.CustomersWrite, Permissions.SalesWrite],
        TenantRole.Service => [Permissions.Read, Permissions.CustomersWrite, Permissions.ServiceWrite],
        TenantRole.Marketing => [Permissions.Read, Permissions.MarketingWrite],
        TenantRole.Analyst => [Permissions.Read],
        _ => [],
    };

    /// <summary><c>read</c> reads; <c>write</c> also changes every kind of record; <c>admin</c> is everything.</summary>
    public static IReadOnlyList<string> PermissionsOf(IEnumerable<ApiKeyScope> scopes)
    {
        var set = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var scope in scopes)
        {
            IEnumerable<string> granted = scope switch
            {
                ApiKeyScope.Read => [Permissions.Read],
                ApiKeyScope.Write => [Permissions.Read, Permissions.CustomersWrite, Permissions.SalesWrite, Permissions.ServiceWrite, Permissions.MarketingWrite],
                ApiKeyScope.Admin => Permissions.All,
                _ => [],
            };
            set.UnionWith(granted);
        }
        return [.. set];
    }
}

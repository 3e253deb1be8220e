namespace Crm.CustomerSilo.Tenants;

[GenerateSerializer, Alias("crm.TenantState")]
public sealed class TenantState
{
    [Id(0)] public string CompanyName { get; set; } = "";
    [Id(1)] public string Slug { get; set; } = "";
    [Id(2)] public string AdminEmail { get; set; } = "";

    // Ids 3 and 4 held the admin password hash and the key hashes before they moved to TenantAccessState; never reuse them.
    [Id(5)] public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Null until the tenant changes a setting: it then has the defaults.</summary>
    [Id(6)] public Crm.Contracts.Tenants.TenantSettings? Settings { get; set; }

    /// <summary>Every import the tenant started, for its erasure.</summary>
    [Id(7)] public HashSet<string> ImportIds { get; set; } = new(StringComparer.Ordinal);
}

[GenerateSerializer, Alias("crm.TenantSlugState")]
public sealed class TenantSlugState
{
    [Id(0)] public string TenantId { get; set; } = "";
}

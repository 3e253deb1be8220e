namespace Crm.CustomerSilo.Tenants;

[GenerateSerializer, Alias("crm.TenantState")]
public sealed class TenantState
{
    [Id(0)] public string CompanyName { get; set; } = "";
    [Id(1)] public string Slug { get; set; } = "";
    [Id(2)] public string AdminEmail { get; set; } = "";
    [Id(3)] public string AdminPasswordHash { get; set; } = "";

    /// <summary>SHA-256 hashes of the live API keys' secrets; a list so keys can be rotated without downtime.</summary>
    [Id(4)] public List<string> ApiKeySecretHashes { get; set; } = [];

    [Id(5)] public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Null until the tenant changes a setting: it then has the defaults.</summary>
    [Id(6)] public Crm.Contracts.Tenants.TenantSettings? Settings { get; set; }
}

[GenerateSerializer, Alias("crm.TenantSlugState")]
public sealed class TenantSlugState
{
    [Id(0)] public string TenantId { get; set; } = "";
}

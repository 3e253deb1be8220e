namespace Crm.CustomerSilo.Tenants;

public sealed class TenantState
{
    public string CompanyName { get; set; } = "";
    public string Slug { get; set; } = "";
    public string AdminEmail { get; set; } = "";
    public string AdminPasswordHash { get; set; } = "";

    /// <summary>SHA-256 hashes of the live API keys' secrets; a list so keys can be rotated without downtime.</summary>
    public List<string> ApiKeySecretHashes { get; set; } = [];

    public DateTimeOffset CreatedAt { get; set; }
}

public sealed class TenantSlugState
{
    public string TenantId { get; set; } = "";
}

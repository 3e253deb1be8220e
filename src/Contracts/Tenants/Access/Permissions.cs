namespace Crm.Contracts.Tenants.Access;

/// <summary>
/// What a caller may do. The gateway turns a user's role or an API key's scopes into these names and signs them;
/// every GraphQL root field and API endpoint names the one it needs.
/// </summary>
public static class Permissions
{
    /// <summary>Read customers, records, segments, analytics and the tenant's own settings.</summary>
    public const string Read = "read";

    /// <summary>Create, change, merge and delete customers; log interactions and follow-ups; import.</summary>
    public const string CustomersWrite = "customers:write";

    /// <summary>Record orders and work deals.</summary>
    public const string SalesWrite = "sales:write";

    /// <summary>Open and resolve complaints, record survey answers.</summary>
    public const string ServiceWrite = "service:write";

    /// <summary>Define segments (and, later, campaigns).</summary>
    public const string MarketingWrite = "marketing:write";

    /// <summary>Users, API keys, settings, webhooks, the audit log, persisted documents.</summary>
    public const string Admin = "admin";

    public static readonly IReadOnlyList<string> All = [Read, CustomersWrite, SalesWrite, ServiceWrite, MarketingWrite, Admin];
}

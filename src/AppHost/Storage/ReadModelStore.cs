using Aspire.Hosting.ApplicationModel;

namespace Crm.AppHost.Storage;

/// <summary>
/// Where the customer read model lives in a storage mode, as the services read it (Crm.CustomerReadModel's
/// AddCustomerReadModel): <c>Crm__ReadModel__Provider</c> (<c>Sqlite</c> or <c>PostgreSql</c>) and
/// <c>Crm__ReadModel__ConnectionString</c>.
/// </summary>
public sealed record ReadModelStore(string Provider, string ConnectionString)
{
    public const string SqliteFileName = "customers.db";

    /// <summary>A file of its own beside the cluster's, <c>&lt;data&gt;/customers.db</c>.</summary>
    public static ReadModelStore Sqlite(string dataDirectory) => new("Sqlite", $"Data Source={Path.Combine(dataDirectory, SqliteFileName)}");

    public IResourceBuilder<ProjectResource> ConfigureResource(IResourceBuilder<ProjectResource> project) => project
        .WithEnvironment("Crm__ReadModel__Provider", Provider)
        .WithEnvironment("Crm__ReadModel__ConnectionString", ConnectionString);
}

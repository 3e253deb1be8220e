using Orleans.Runtime;

namespace Orleans.Sqlite.Hosting;

/// <summary>Fails the silo's or client's start, not its first query, when a provider was given no connection string.</summary>
internal sealed class ConnectionStringValidator(string? connectionString, string section) : IConfigurationValidator
{
    public void ValidateConfiguration()
    {
        if (string.IsNullOrWhiteSpace(connectionString))
            throw new OrleansConfigurationException(
                $"The SQLite provider of {section} has no connection string: set {section}:ConnectionString (e.g. \"Data Source=/abs/path/cluster.db\") or {section}:ConnectionName.");
    }
}

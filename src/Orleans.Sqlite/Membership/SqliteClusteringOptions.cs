namespace Orleans.Sqlite.Membership;

/// <summary>Where the membership table lives; the silos' table and the clients' gateway list read the same rows.</summary>
public sealed class SqliteClusteringOptions
{
    /// <summary>A Microsoft.Data.Sqlite connection string naming a file, e.g. <c>Data Source=/var/lib/app/cluster.db</c>.</summary>
    [Redact]
    public string? ConnectionString { get; set; }
}

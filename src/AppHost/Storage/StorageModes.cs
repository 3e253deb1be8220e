using Crm.AppHost.Cli;

namespace Crm.AppHost.Storage;

/// <summary>
/// The one place that knows what each storage mode gives the silos and clients: the Orleans providers of the
/// cluster's configuration contract, the customer read model's store, and the server each mode runs (none for SQLite).
/// </summary>
public static class StorageModes
{
    public const string SqliteFileName = "cluster.db";

    /// <summary>A cleared grain state deletes its row: an erased customer or tenant leaves no row, not even its key.</summary>
    private static readonly IReadOnlyDictionary<string, string> DeletingClears = new Dictionary<string, string> { ["DeleteStateOnClear"] = "true" };

    public static ClusterStore For(IDistributedApplicationBuilder builder, AppHostOptions options) => options.Storage switch
    {
        StorageMode.Sqlite => Sqlite(options.DataDirectory),
        StorageMode.Postgres => Postgres(builder, options.DataDirectory, options.PostgresConnectionString),
        StorageMode.Azure => Azure(builder, options.DataDirectory),
        _ => throw new ArgumentOutOfRangeException(nameof(options), options.Storage, "unknown storage mode"),
    };

    /// <summary>
    /// One file, <c>&lt;data&gt;/cluster.db</c>, holds membership, grain state and reminders; the read model is
    /// <c>&lt;data&gt;/customers.db</c>, so its imports never hold the lock the silos' membership needs. A cleared grain
    /// state deletes its row, as Azure blob storage does by default.
    /// </summary>
    public static ClusterStore Sqlite(string dataDirectory)
    {
        var file = $"Data Source={Path.Combine(dataDirectory, SqliteFileName)}";
        var grainStorage = new OrleansProvider("Sqlite", file, options: DeletingClears);
        return new(new("Sqlite", file), grainStorage, new("Sqlite", file), ReadModelStore.Sqlite(dataDirectory), Server: null);
    }

    /// <summary>
    /// Orleans' ADO.NET providers on PostgreSQL: Debian's server started in the data folder, or an existing one. The
    /// read model is a table of its own (customer_listing) in the same database. A cleared grain state deletes its row.
    /// </summary>
    public static ClusterStore Postgres(IDistributedApplicationBuilder builder, string dataDirectory, string? existingServer)
    {
        var (server, connectionString) = existingServer is null
            ? PostgresServer.Add(builder, dataDirectory)
            : (null, existingServer);
        const string invariant = "Npgsql";
        return new(
            new("AdoNet", connectionString, invariant),
            new("AdoNet", connectionString, invariant, DeletingClears),
            new("AdoNet", connectionString, invariant),
            new ReadModelStore("PostgreSql", connectionString),
            server);
    }

    /// <summary>
    /// Orleans' Azure Storage providers (tables for membership and reminders, blobs for state) on Azurite. Azure Storage
    /// has no SQL store for the read model: it is the SQLite file <c>&lt;data&gt;/customers.db</c>.
    /// </summary>
    public static ClusterStore Azure(IDistributedApplicationBuilder builder, string dataDirectory)
    {
        var (server, connectionString) = AzuriteServer.Add(builder, dataDirectory);
        return new(
            new("AzureTableStorage", connectionString),
            new("AzureBlobStorage", connectionString),
            new("AzureTableStorage", connectionString),
            ReadModelStore.Sqlite(dataDirectory),
            server);
    }
}

namespace Crm.AppHost.Cli;

/// <summary>What the user asked for on the command line, already validated.</summary>
/// <param name="PostgresConnectionString">With <see cref="StorageMode.Postgres"/>: an existing server to use instead of starting one.</param>
/// <param name="CellCount">How many cells (each an Orleans cluster with its silos and GraphQL service) to start; the first is the home cell.</param>
public sealed record AppHostOptions(
    string DataDirectory,
    int GatewayPort,
    int SiloCount,
    StorageMode Storage = StorageMode.Sqlite,
    string? PostgresConnectionString = null,
    int CellCount = 1)
{
    public const int DefaultCellCount = 1;
    public const int DefaultGatewayPort = 5080;
    public const int DefaultSiloCount = 1;
    public const string DefaultDataFolderName = ".crm-data";
}

/// <summary>Where the cluster keeps membership, grain state and reminders.</summary>
public enum StorageMode
{
    /// <summary>One SQLite file in the data folder: nothing to install.</summary>
    Sqlite,

    /// <summary>Debian's PostgreSQL, started in the data folder (or an existing server given with --postgres).</summary>
    Postgres,

    /// <summary>Azure Storage tables and blobs, served locally by Azurite in the data folder.</summary>
    Azure,
}

using Orleans.Storage;

namespace Orleans.Sqlite.GrainStorage;

/// <summary>Options of one named SQLite grain storage provider.</summary>
public sealed class SqliteGrainStorageOptions : IStorageProviderSerializerOptions
{
    /// <summary>A Microsoft.Data.Sqlite connection string naming a file, e.g. <c>Data Source=/var/lib/app/cluster.db</c>.</summary>
    [Redact]
    public string? ConnectionString { get; set; }

    /// <summary>
    /// When true, ClearStateAsync deletes the row and leaves the grain with no ETag; when false (the default) it keeps
    /// an empty row with a new ETag, so a writer still holding the old ETag is refused.
    /// </summary>
    public bool DeleteStateOnClear { get; set; }

    /// <summary>The serializer of the state; unset, it is the one registered under the provider's name, else Orleans' default.</summary>
    public IGrainStorageSerializer GrainStorageSerializer { get; set; } = null!;

    /// <summary>The silo lifecycle stage at which the provider creates its table.</summary>
    public int InitStage { get; set; } = ServiceLifecycleStage.ApplicationServices;
}

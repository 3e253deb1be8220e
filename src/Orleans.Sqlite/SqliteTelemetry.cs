using System.Diagnostics.Metrics;

namespace Orleans.Sqlite;

/// <summary>The providers' metrics, on the meter "Orleans.Sqlite".</summary>
public static class SqliteTelemetry
{
    public const string MeterName = "Orleans.Sqlite";

    public const string GrainStorageBatchSizeName = "orleans.sqlite.grain_storage.batch_size";

    private static readonly Meter Meter = new(MeterName);

    /// <summary>Grain state writes per group commit (one transaction, one fsync), tagged with the provider's name.</summary>
    public static readonly Histogram<int> GrainStorageBatchSize = Meter.CreateHistogram<int>(
        GrainStorageBatchSizeName, "{write}", "Grain state writes committed together in one SQLite transaction.");
}

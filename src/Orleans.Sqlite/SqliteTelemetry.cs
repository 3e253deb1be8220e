using System.Diagnostics.Metrics;

namespace Orleans.Sqlite;

/// <summary>The providers' metrics, on the meter "Orleans.Sqlite".</summary>
public static class SqliteTelemetry
{
    public const string MeterName = "Orleans.Sqlite";

    public const string GrainStorageBatchSizeName = "orleans.sqlite.grain_storage.batch_size";

    public const string ReminderBatchSizeName = "orleans.sqlite.reminders.batch_size";

    private static readonly Meter Meter = new(MeterName);

    /// <summary>Grain state writes per group commit (one transaction, one fsync), tagged with the provider's name.</summary>
    public static readonly Histogram<int> GrainStorageBatchSize = Meter.CreateHistogram<int>(
        GrainStorageBatchSizeName, "{write}", "Grain state writes committed together in one SQLite transaction.");

    /// <summary>Reminders stored per group commit of the reminder table, tagged with the service id.</summary>
    public static readonly Histogram<int> ReminderBatchSize = Meter.CreateHistogram<int>(
        ReminderBatchSizeName, "{reminder}", "Reminders stored together in one SQLite transaction.");
}

namespace Orleans.Sqlite.Reminders;

/// <summary>Where the reminder table lives.</summary>
public sealed class SqliteReminderTableOptions
{
    /// <summary>A Microsoft.Data.Sqlite connection string naming a file, e.g. <c>Data Source=/var/lib/app/cluster.db</c>.</summary>
    [Redact]
    public string? ConnectionString { get; set; }
}

namespace Orleans.Sqlite.Reminders;

internal static class ReminderSchema
{
    public const string Sql = """
        -- One row per reminder of a grain; times are UTC ticks, the period is in ticks.
        CREATE TABLE IF NOT EXISTS orleans_reminders (
            service_id TEXT NOT NULL,
            grain_id TEXT NOT NULL,
            reminder_name TEXT NOT NULL,
            grain_hash INTEGER NOT NULL,
            start_time INTEGER NOT NULL,
            period INTEGER NOT NULL,
            etag TEXT NOT NULL,
            PRIMARY KEY (service_id, grain_id, reminder_name)
        ) WITHOUT ROWID;
        -- Each silo reads the reminders of its range of the hash ring: this index serves that range scan.
        CREATE INDEX IF NOT EXISTS orleans_reminders_by_hash ON orleans_reminders (service_id, grain_hash);
        """;
}

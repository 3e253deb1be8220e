namespace Orleans.Sqlite;

/// <summary>Times are stored as UTC ticks: exact, sortable, and free of any time zone.</summary>
internal static class UtcTicks
{
    // Orleans hands over UTC times; one of unspecified kind is taken as UTC, not shifted by the local zone.
    public static long From(DateTime time) => time.Kind == DateTimeKind.Local ? time.ToUniversalTime().Ticks : time.Ticks;

    public static DateTime ToDateTime(long ticks) => new(ticks, DateTimeKind.Utc);
}

using System.Globalization;

namespace Orleans.Sqlite;

internal static class ETags
{
    /// <summary>
    /// A new random ETag (63 random bits). It is never reused, so a row deleted and re-created never matches an ETag that
    /// an old reader still holds, which a counter restarting at 1 would.
    /// </summary>
    public static string New() => Random.Shared.NextInt64(1, long.MaxValue).ToString("x16", CultureInfo.InvariantCulture);
}

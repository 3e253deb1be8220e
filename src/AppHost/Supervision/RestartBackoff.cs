namespace Crm.AppHost.Supervision;

/// <summary>
/// Delay before restarting a crashed resource: doubling from <paramref name="initial"/> up to <paramref name="max"/>,
/// back to the start once a run lasted <paramref name="stableAfter"/>, so a crash loop cannot burn both cores.
/// </summary>
public sealed class RestartBackoff(TimeSpan initial, TimeSpan max, TimeSpan stableAfter)
{
    public static RestartBackoff CreateDefault() => new(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(1));

    public int ConsecutiveCrashes { get; private set; }

    public TimeSpan NextDelay(TimeSpan lastRunDuration)
    {
        if (lastRunDuration >= stableAfter)
            ConsecutiveCrashes = 0;
        var delay = initial * Math.Pow(2, Math.Min(ConsecutiveCrashes, 30));
        ConsecutiveCrashes++;
        return delay < max ? delay : max;
    }
}

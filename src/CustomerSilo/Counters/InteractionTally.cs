using Crm.Contracts.Customers;

namespace Crm.CustomerSilo.Counters;

/// <summary>
/// A customer's interaction counters, kept a fixed size: totals by channel and kind, counts per hour for the last
/// day and per UTC day for the last 30 days, and the most recent touches for the timeline.
/// </summary>
[GenerateSerializer, Alias("crm.InteractionTally")]
public sealed class InteractionTally
{
    /// <summary>How many touches the timeline keeps; older ones still count in every counter.</summary>
    public const int RecentCapacity = 500;

    private const int HoursKept = 24;
    private const int DaysKept = 30;

    [Id(0)] public long Total { get; set; }
    [Id(1)] public Dictionary<Channel, long> ByChannel { get; set; } = [];
    [Id(2)] public Dictionary<InteractionKind, long> ByKind { get; set; } = [];

    /// <summary>Hours since the epoch → touches in that hour.</summary>
    [Id(3)] public Dictionary<long, long> Hours { get; set; } = [];

    /// <summary>UTC days since the epoch → touches on that day.</summary>
    [Id(4)] public Dictionary<long, long> Days { get; set; } = [];

    [Id(5)] public DateTimeOffset? LastAt { get; set; }

    /// <summary>Newest last.</summary>
    [Id(6)] public List<Interaction> Recent { get; set; } = [];

    public void Add(Interaction touch, DateTimeOffset now)
    {
        Total++;
        ByChannel[touch.Channel] = ByChannel.GetValueOrDefault(touch.Channel) + 1;
        ByKind[touch.Kind] = ByKind.GetValueOrDefault(touch.Kind) + 1;
        var hour = HourOf(touch.At);
        if (hour > HourOf(now) - HoursKept)
            Hours[hour] = Hours.GetValueOrDefault(hour) + 1;
        var day = DayOf(touch.At);
        if (day > DayOf(now) - DaysKept)
            Days[day] = Days.GetValueOrDefault(day) + 1;
        if (LastAt is null || touch.At > LastAt)
            LastAt = touch.At;
        var at = Recent.FindLastIndex(r => r.At <= touch.At) + 1;
        Recent.Insert(at, touch);
        if (Recent.Count > RecentCapacity)
            Recent.RemoveAt(0);
        Prune(now);
    }

    /// <summary>Adds another customer's counters to these (a merge).</summary>
    public void Absorb(InteractionTally other, DateTimeOffset now)
    {
        Total += other.Total;
        foreach (var (channel, n) in other.ByChannel) ByChannel[channel] = ByChannel.GetValueOrDefault(channel) + n;
        foreach (var (kind, n) in other.ByKind) ByKind[kind] = ByKind.GetValueOrDefault(kind) + n;
        foreach (var (hour, n) in other.Hours) Hours[hour] = Hours.GetValueOrDefault(hour) + n;
        foreach (var (day, n) in other.Days) Days[day] = Days.GetValueOrDefault(day) + n;
        if (other.LastAt > LastAt || LastAt is null)
            LastAt = other.LastAt;
        Recent = [.. Recent.Concat(other.Recent).OrderBy(r => r.At).TakeLast(RecentCapacity)];
        Prune(now);
    }

    public InteractionCounters ToCounters(DateTimeOffset now)
    {
        var hour = HourOf(now);
        var day = DayOf(now);
        return new InteractionCounters(
            Total,
            new Dictionary<Channel, long>(ByChannel),
            new Dictionary<InteractionKind, long>(ByKind),
            Hours.Where(h => h.Key > hour - HoursKept && h.Key <= hour).Sum(h => h.Value),
            Days.Where(d => d.Key > day - 7 && d.Key <= day).Sum(d => d.Value),
            Days.Where(d => d.Key > day - DaysKept && d.Key <= day).Sum(d => d.Value),
            LastAt);
    }

    private void Prune(DateTimeOffset now)
    {
        var hour = HourOf(now);
        var day = DayOf(now);
        foreach (var old in Hours.Keys.Where(h => h <= hour - HoursKept).ToList()) Hours.Remove(old);
        foreach (var old in Days.Keys.Where(d => d <= day - DaysKept).ToList()) Days.Remove(old);
    }

    private static long HourOf(DateTimeOffset at) => at.ToUnixTimeSeconds() / 3600;
    private static long DayOf(DateTimeOffset at) => at.ToUnixTimeSeconds() / 86400;
}

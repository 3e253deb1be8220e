namespace Crm.CustomerSilo.Webhooks;

/// <summary>
/// The durable retry schedule (configuration section <c>Crm:Webhooks</c>). Each attempt is one call of the sender,
/// which itself tries up to 3 times within seconds. A failed event waits <see cref="FirstRetry"/>, then twice as long
/// each time up to <see cref="LongestWait"/>: with the defaults 30 s, 1, 2, 4, 8, 16, 32 min, then hourly, so the
/// 16 attempts span about 9 hours (543.5 min of waiting) before the event is dead-lettered.
/// </summary>
public sealed class WebhookDeliveryOptions
{
    public const string Section = "Crm:Webhooks";

    /// <summary>Lets webhooks point at loopback and private addresses: for local development and tests only (SSRF).</summary>
    public bool AllowPrivateTargets { get; set; }

    public int MaxAttempts { get; set; } = 16;
    public TimeSpan FirstRetry { get; set; } = TimeSpan.FromSeconds(30);
    public TimeSpan LongestWait { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How many events a webhook may owe; past it the oldest is dead-lettered, so a dead receiver cannot grow the tenant's state without bound.</summary>
    public int MaxPending { get; set; } = 10_000;

    /// <summary>How many delivery attempts each webhook's log keeps (the newest).</summary>
    public int LogSize { get; set; } = 100;

    public int MaxWebhooksPerTenant { get; set; } = 10;

    /// <summary>How often the reminder wakes a grain with queued events, after a restart, say (Orleans' shortest reminder period by default).</summary>
    public TimeSpan WakeEvery { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>The wait before attempt <paramref name="attempt"/> + 1 after <paramref name="attempt"/> failed ones.</summary>
    public TimeSpan WaitAfter(int attempt)
    {
        var wait = FirstRetry * Math.Pow(2, Math.Min(attempt - 1, 30));
        return wait < LongestWait ? wait : LongestWait;
    }
}

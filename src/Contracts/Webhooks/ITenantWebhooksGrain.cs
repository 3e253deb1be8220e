using Orleans.Concurrency;

namespace Crm.Contracts.Webhooks;

/// <summary>
/// A tenant's webhooks, keyed by tenant id: its subscriptions, the durable queue of events each still owes, and
/// each one's delivery log. Events are delivered at least once, in order per webhook, signed with the webhook's
/// secret; receivers drop duplicates by event id.
/// </summary>
[Alias("crm.tenant-webhooks")]
public interface ITenantWebhooksGrain : Tenants.Erasure.IErasableGrain
{
    /// <summary>
    /// Subscribes <paramref name="url"/> to <paramref name="events"/> (names from <see cref="WebhookEvents"/>). The
    /// answer carries the signing secret, the only time it is ever given out. Bad input fails with
    /// <see cref="InvalidWebhookException"/>.
    /// </summary>
    [Alias("create")]
    Task<CreatedWebhook> CreateAsync(string url, IReadOnlyList<string> events);

    [Alias("list"), ReadOnly]
    Task<IReadOnlyList<Webhook>> ListAsync();

    /// <summary>Removes the webhook and whatever it had not delivered yet; false when there was no such webhook.</summary>
    [Alias("delete")]
    Task<bool> DeleteAsync(string webhookId);

    /// <summary>The latest <paramref name="first"/> delivery attempts of the webhook, newest first; null when there is no such webhook.</summary>
    [Alias("deliveries"), ReadOnly]
    Task<IReadOnlyList<WebhookDelivery>?> DeliveriesAsync(string webhookId, int first);

    /// <summary>
    /// Takes events into the queue of every webhook subscribed to them, durably, before it answers: once this
    /// returns, the sender may forget them. Events already taken (same id) are ignored, so a sender may repeat a
    /// batch it is unsure of.
    /// </summary>
    [Alias("accept")]
    Task AcceptAsync(IReadOnlyList<WebhookEvent> events);
}

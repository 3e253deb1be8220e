using Crm.Contracts.Webhooks;

namespace Crm.CustomerSilo.Webhooks;

/// <summary>What a tenant's webhooks grain keeps durable: the subscriptions with their queues and logs.</summary>
[GenerateSerializer, Alias("crm.TenantWebhooksState")]
public sealed class TenantWebhooksState
{
    [Id(0)] public List<WebhookSubscription> Subscriptions { get; set; } = [];

    /// <summary>Ids of the latest events taken, oldest first, so a batch handed over twice is queued once.</summary>
    [Id(1)] public List<string> RecentEventIds { get; set; } = [];
}

[GenerateSerializer, Alias("crm.WebhookSubscription")]
public sealed class WebhookSubscription
{
    [Id(0)] public string Id { get; set; } = "";
    [Id(1)] public string Url { get; set; } = "";
    [Id(2)] public List<string> Events { get; set; } = [];

    /// <summary>Kept because every delivery is signed with it; never given out after creation.</summary>
    [Id(3)] public string Secret { get; set; } = "";
    [Id(4)] public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Events still owed, in the order they happened; only the head is tried, so the receiver sees them in order.</summary>
    [Id(5)] public List<PendingDelivery> Queue { get; set; } = [];

    /// <summary>The latest delivery attempts, oldest first.</summary>
    [Id(6)] public List<WebhookDelivery> Log { get; set; } = [];
    [Id(7)] public long Delivered { get; set; }
    [Id(8)] public long DeadLettered { get; set; }

    public Webhook View() => new(Id, Url, Events, CreatedAt, Queue.Count, Delivered, DeadLettered);
}

/// <param name="Body">The JSON posted, made once when the event was taken, so every attempt sends the same bytes.</param>
/// <param name="Attempts">Failed attempts so far.</param>
[GenerateSerializer, Immutable, Alias("crm.PendingDelivery")]
public sealed record PendingDelivery(
    [property: Id(0)] string EventId,
    [property: Id(1)] string EventType,
    [property: Id(2)] string Body,
    [property: Id(3)] int Attempts,
    [property: Id(4)] DateTimeOffset DueAt);

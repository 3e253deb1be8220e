using Crm.Contracts.Customers;

namespace Crm.Contracts.Webhooks;

/// <summary>The events a webhook can subscribe to. There are no campaign events yet: the CRM has no campaigns.</summary>
public static class WebhookEvents
{
    public const string CustomerCreated = "customer.created";
    public const string CustomerChanged = "customer.changed";

    /// <summary>A stage move, by a person, a purchase rule, or silence (DECLINE, CHURNED).</summary>
    public const string LifecycleChanged = "customer.lifecycle_changed";

    public const string ComplaintOpened = "complaint.opened";

    public static IReadOnlyList<string> All { get; } = [CustomerCreated, CustomerChanged, LifecycleChanged, ComplaintOpened];
}

/// <summary>
/// Something that happened to a customer, to be posted to the tenant's webhooks. Its id is unique and stays the
/// same on every delivery of it. What it carries depends on <see cref="Type"/>: the customer as it now is (created,
/// changed), the stage change (lifecycle_changed) or the complaint (complaint.opened).
/// </summary>
[GenerateSerializer, Immutable, Alias("crm.WebhookEvent")]
public sealed record WebhookEvent(
    [property: Id(0)] string Id,
    [property: Id(1)] string Type,
    [property: Id(2)] DateTimeOffset OccurredAt,
    [property: Id(3)] string CustomerId,
    [property: Id(4)] CustomerView? Customer = null,
    [property: Id(5)] StageChange? StageChange = null,
    [property: Id(6)] Complaint? Complaint = null)
{
    /// <summary>Ids are version 7 GUIDs: unique, and in the order the events were made.</summary>
    public static string NewId() => Guid.CreateVersion7().ToString("N");
}

/// <param name="Pending">Events queued and not yet delivered.</param>
/// <param name="DeadLettered">Events given up on after the last retry.</param>
[GenerateSerializer, Immutable, Alias("crm.Webhook")]
public sealed record Webhook(
    [property: Id(0)] string Id,
    [property: Id(1)] string Url,
    [property: Id(2)] IReadOnlyList<string> Events,
    [property: Id(3)] DateTimeOffset CreatedAt,
    [property: Id(4)] int Pending,
    [property: Id(5)] long Delivered,
    [property: Id(6)] long DeadLettered);

/// <param name="Secret">The HMAC-SHA256 signing secret; shown this once and never again.</param>
[GenerateSerializer, Immutable, Alias("crm.CreatedWebhook")]
public sealed record CreatedWebhook([property: Id(0)] Webhook Webhook, [property: Id(1)] string Secret);

[GenerateSerializer, Alias("crm.WebhookDeliveryOutcome")]
public enum WebhookDeliveryOutcome
{
    Delivered,

    /// <summary>Failed; the event stays queued for a later attempt.</summary>
    Failed,

    /// <summary>Failed for the last time (or the queue overflowed): the event was dropped.</summary>
    DeadLettered,
}

/// <summary>One attempt to deliver one event (after the sender's quick retries within it).</summary>
/// <param name="StatusCode">The receiver's answer; null when none came.</param>
[GenerateSerializer, Immutable, Alias("crm.WebhookDelivery")]
public sealed record WebhookDelivery(
    [property: Id(0)] string EventId,
    [property: Id(1)] string EventType,
    [property: Id(2)] int Attempt,
    [property: Id(3)] DateTimeOffset At,
    [property: Id(4)] int? StatusCode,
    [property: Id(5)] TimeSpan Duration,
    [property: Id(6)] string? Error,
    [property: Id(7)] WebhookDeliveryOutcome Outcome);

/// <summary>The input broke a rule; <see cref="Field"/> names it ("url", "events"). Nothing was stored.</summary>
[GenerateSerializer, Alias("crm.InvalidWebhookException")]
public sealed class InvalidWebhookException(string field, string message) : Exception(message)
{
    [Id(0)] public string Field { get; } = field;
}

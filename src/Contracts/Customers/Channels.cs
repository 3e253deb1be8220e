namespace Crm.Contracts.Customers;

/// <summary>Where a customer touched the tenant.</summary>
[GenerateSerializer, Alias("crm.Channel")]
public enum Channel { Web, Social, Email, Chat, Store, Phone, Sms }

/// <summary>What kind of touch it was.</summary>
[GenerateSerializer, Alias("crm.InteractionKind")]
public enum InteractionKind { Visit, Inquiry, Purchase, Complaint, Suggestion, ServiceRequest, FollowUp, CampaignTouch, Feedback }

/// <param name="At">When it happened; now when null. Back-dated touches count in the total but only in the windows they fall in.</param>
[GenerateSerializer, Immutable, Alias("crm.NewInteraction")]
public sealed record NewInteraction(
    [property: Id(0)] Channel Channel,
    [property: Id(1)] InteractionKind Kind,
    [property: Id(2)] DateTimeOffset? At = null,
    [property: Id(3)] string? Note = null);

/// <param name="RecordId">The order, complaint or survey this touch came from, when it came from one.</param>
[GenerateSerializer, Immutable, Alias("crm.Interaction")]
public sealed record Interaction(
    [property: Id(0)] Channel Channel,
    [property: Id(1)] InteractionKind Kind,
    [property: Id(2)] DateTimeOffset At,
    [property: Id(3)] string? Note,
    [property: Id(4)] string? RecordId);

/// <summary>
/// The live counters. The sliding windows count whole hours (last 24 h) and whole UTC days (last 7 and 30 days),
/// which keeps them a fixed size however busy the customer is.
/// </summary>
[GenerateSerializer, Immutable, Alias("crm.InteractionCounters")]
public sealed record InteractionCounters(
    [property: Id(0)] long Total,
    [property: Id(1)] IReadOnlyDictionary<Channel, long> ByChannel,
    [property: Id(2)] IReadOnlyDictionary<InteractionKind, long> ByKind,
    [property: Id(3)] long Last24h,
    [property: Id(4)] long Last7d,
    [property: Id(5)] long Last30d,
    [property: Id(6)] DateTimeOffset? LastInteractionAt);

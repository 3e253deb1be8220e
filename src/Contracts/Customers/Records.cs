namespace Crm.Contracts.Customers;

/// <param name="Channel">Where it was bought; STORE when not given.</param>
[GenerateSerializer, Immutable, Alias("crm.NewOrder")]
public sealed record NewOrder(
    [property: Id(0)] decimal Amount,
    [property: Id(1)] string Currency,
    [property: Id(2)] int? Items = null,
    [property: Id(3)] Channel? Channel = null,
    [property: Id(4)] DateTimeOffset? At = null,
    [property: Id(5)] string? ContractReference = null,
    [property: Id(6)] PaymentStatus? PaymentStatus = null,
    [property: Id(7)] DeliveryStatus? DeliveryStatus = null);

[GenerateSerializer, Alias("crm.PaymentStatus")]
public enum PaymentStatus { Pending, Paid, Refunded, Failed }

[GenerateSerializer, Alias("crm.DeliveryStatus")]
public enum DeliveryStatus { Pending, Shipped, Delivered, Returned }

[GenerateSerializer, Immutable, Alias("crm.Order")]
public sealed record Order(
    [property: Id(0)] string Id,
    [property: Id(1)] decimal Amount,
    [property: Id(2)] string Currency,
    [property: Id(3)] int Items,
    [property: Id(4)] Channel Channel,
    [property: Id(5)] DateTimeOffset At,
    [property: Id(6)] string? ContractReference,
    [property: Id(7)] PaymentStatus PaymentStatus,
    [property: Id(8)] DeliveryStatus DeliveryStatus);

[GenerateSerializer, Alias("crm.ComplaintSeverity")]
public enum ComplaintSeverity { Low, Medium, High, Critical }

[GenerateSerializer, Alias("crm.ComplaintStatus")]
public enum ComplaintStatus { Open, Resolved }

[GenerateSerializer, Immutable, Alias("crm.NewComplaint")]
public sealed record NewComplaint(
    [property: Id(0)] string Category,
    [property: Id(1)] ComplaintSeverity Severity,
    [property: Id(2)] string? Description = null,
    [property: Id(3)] Channel? Channel = null);

/// <param name="SlaDueAt">When it must be resolved by, from its severity and the tenant's SLA hours.</param>
[GenerateSerializer, Immutable, Alias("crm.Complaint")]
public sealed record Complaint(
    [property: Id(0)] string Id,
    [property: Id(1)] string Category,
    [property: Id(2)] ComplaintSeverity Severity,
    [property: Id(3)] ComplaintStatus Status,
    [property: Id(4)] string? Description,
    [property: Id(5)] DateTimeOffset OpenedAt,
    [property: Id(6)] DateTimeOffset SlaDueAt,
    [property: Id(7)] DateTimeOffset? ResolvedAt,
    [property: Id(8)] string? Resolution,
    [property: Id(9)] string? RootCause);

/// <param name="Csat">Customer satisfaction, 1–5.</param>
/// <param name="Nps">Likelihood to recommend, 0–10.</param>
[GenerateSerializer, Immutable, Alias("crm.NewSurveyResponse")]
public sealed record NewSurveyResponse(
    [property: Id(0)] int? Csat,
    [property: Id(1)] int? Nps,
    [property: Id(2)] string? Text = null,
    [property: Id(3)] DateTimeOffset? At = null);

[GenerateSerializer, Immutable, Alias("crm.SurveyResponse")]
public sealed record SurveyResponse(
    [property: Id(0)] string Id,
    [property: Id(1)] int? Csat,
    [property: Id(2)] int? Nps,
    [property: Id(3)] string? Text,
    [property: Id(4)] DateTimeOffset At);

[GenerateSerializer, Immutable, Alias("crm.NewFollowUp")]
public sealed record NewFollowUp(
    [property: Id(0)] string Title,
    [property: Id(1)] DateTimeOffset DueAt,
    [property: Id(2)] string? AssigneeId = null);

[GenerateSerializer, Immutable, Alias("crm.FollowUp")]
public sealed record FollowUp(
    [property: Id(0)] string Id,
    [property: Id(1)] string Title,
    [property: Id(2)] DateTimeOffset DueAt,
    [property: Id(3)] string? AssigneeId,
    [property: Id(4)] DateTimeOffset? CompletedAt);

/// <summary>Where a deal stands in the sales pipeline.</summary>
[GenerateSerializer, Alias("crm.DealStage")]
public enum DealStage { Lead, Qualified, Proposal, Negotiation, Won, Lost }

[GenerateSerializer, Immutable, Alias("crm.NewOpportunity")]
public sealed record NewOpportunity(
    [property: Id(0)] string Title,
    [property: Id(1)] decimal Amount,
    [property: Id(2)] string Currency,
    [property: Id(3)] DateOnly? ExpectedCloseOn = null,
    [property: Id(4)] string? OwnerId = null);

/// <param name="OrderId">The order a won deal recorded.</param>
[GenerateSerializer, Immutable, Alias("crm.Opportunity")]
public sealed record Opportunity(
    [property: Id(0)] string Id,
    [property: Id(1)] string Title,
    [property: Id(2)] DealStage Stage,
    [property: Id(3)] decimal Amount,
    [property: Id(4)] string Currency,
    [property: Id(5)] DateOnly? ExpectedCloseOn,
    [property: Id(6)] string? OwnerId,
    [property: Id(7)] DateTimeOffset OpenedAt,
    [property: Id(8)] DateTimeOffset? ClosedAt,
    [property: Id(9)] string? OrderId);

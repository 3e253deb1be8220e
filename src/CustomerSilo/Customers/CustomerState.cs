using Crm.Contracts.Customers;
using Crm.Contracts.Webhooks;
using Crm.CustomerSilo.Counters;

namespace Crm.CustomerSilo.Customers;

/// <summary>What a customer grain keeps durable. Fields are numbered, so a later version can add some and still read older rows.</summary>
[GenerateSerializer, Alias("crm.CustomerState")]
public sealed class CustomerState
{
    [Id(0)] public CustomerDetails Details { get; set; } = new("");
    [Id(1)] public DateTimeOffset CreatedAt { get; set; }
    [Id(2)] public DateTimeOffset UpdatedAt { get; set; }
    [Id(3)] public LifecycleStage Stage { get; set; }
    [Id(4)] public List<StageChange> StageHistory { get; set; } = [];
    [Id(5)] public int WinBacks { get; set; }
    [Id(6)] public InteractionTally Tally { get; set; } = new();
    [Id(7)] public List<Order> Orders { get; set; } = [];
    [Id(8)] public List<Complaint> Complaints { get; set; } = [];
    [Id(9)] public List<SurveyResponse> Surveys { get; set; } = [];
    [Id(10)] public List<FollowUp> FollowUps { get; set; } = [];
    [Id(11)] public List<MergeRecord> Merges { get; set; } = [];

    /// <summary>Counts durable writes; the read model keeps the row of the highest version it was sent.</summary>
    [Id(12)] public long Version { get; set; }

    /// <summary>Ids of records are short and only unique within the customer.</summary>
    [Id(13)] public int LastRecordNumber { get; set; }

    /// <summary>When the silence reminder is set to fire; null when none is set.</summary>
    [Id(14)] public DateTimeOffset? SilenceCheckAt { get; set; }

    /// <summary>The month (first day) of the first order: the acquisition cohort the tenant's analytics count it in.</summary>
    [Id(15)] public DateOnly? CohortMonth { get; set; }

    /// <summary>The latest month the analytics counted the customer as active in.</summary>
    [Id(16)] public DateOnly? LastActiveMonth { get; set; }

    [Id(17)] public List<Opportunity> Opportunities { get; set; } = [];

    /// <summary>
    /// Webhook events written with the changes they describe and not yet taken by the tenant's webhooks grain (or
    /// taken, and not yet seen gone by the store: it sees that with the next write).
    /// </summary>
    [Id(18)] public List<WebhookEvent> Outbox { get; set; } = [];

    /// <summary>The ids of the latest changes applied (<see cref="Crm.Contracts.Customers.ChangeRequests"/>), oldest first.</summary>
    [Id(19)] public List<string> AppliedChanges { get; set; } = [];

    /// <summary>The id the next record will get ("o12" for an order), without taking it.</summary>
    public string PeekRecordId(char kind) => $"{kind}{LastRecordNumber + 1}";

    public void TakeRecordId() => LastRecordNumber++;
}

namespace Crm.Contracts.Customers;

/// <summary>Everything the tenant sees of one customer: profile, stage, counters, records and what is derived from them.</summary>
[GenerateSerializer, Immutable, Alias("crm.CustomerView")]
public sealed record CustomerView(
    [property: Id(0)] string TenantId,
    [property: Id(1)] string CustomerId,
    [property: Id(2)] CustomerDetails Details,
    [property: Id(3)] LifecycleStage Stage,
    [property: Id(4)] IReadOnlyList<StageChange> StageHistory,
    [property: Id(5)] int WinBacks,
    [property: Id(6)] InteractionCounters Counters,
    [property: Id(7)] IReadOnlyList<Order> Orders,
    [property: Id(8)] IReadOnlyList<Complaint> Complaints,
    [property: Id(9)] IReadOnlyList<SurveyResponse> Surveys,
    [property: Id(10)] IReadOnlyList<FollowUp> FollowUps,
    [property: Id(11)] IReadOnlyList<Interaction> RecentInteractions,
    [property: Id(12)] IReadOnlyList<MergeRecord> Merges,
    [property: Id(13)] CustomerInsights Insights,
    [property: Id(14)] DateTimeOffset CreatedAt,
    [property: Id(15)] DateTimeOffset UpdatedAt,
    [property: Id(16)] long Version,
    [property: Id(17)] IReadOnlyList<Opportunity> Opportunities)
{
    public string Name => Details.Name;
}

/// <summary>Another customer folded into this one by <c>mergeCustomers</c>.</summary>
[GenerateSerializer, Immutable, Alias("crm.MergeRecord")]
public sealed record MergeRecord(
    [property: Id(0)] string MergedCustomerId,
    [property: Id(1)] DateTimeOffset At,
    [property: Id(2)] string By);

/// <summary>What the records say about the customer, recomputed on every read and write.</summary>
[GenerateSerializer, Immutable, Alias("crm.CustomerInsights")]
public sealed record CustomerInsights(
    [property: Id(0)] RfmScores Rfm,
    [property: Id(1)] ValueTier Tier,
    [property: Id(2)] decimal TotalSpend,
    [property: Id(3)] int OpenComplaints,
    [property: Id(4)] int? LatestCsat,
    [property: Id(5)] NpsClass? NpsClass,
    [property: Id(6)] IReadOnlyList<NextBestAction> NextBestActions);

/// <summary>Recency (days since the last order), frequency (orders) and monetary value (spend), each scored 1–5.</summary>
[GenerateSerializer, Immutable, Alias("crm.RfmScores")]
public sealed record RfmScores(
    [property: Id(0)] int? RecencyDays,
    [property: Id(1)] int Frequency,
    [property: Id(2)] decimal Monetary,
    [property: Id(3)] int R,
    [property: Id(4)] int F,
    [property: Id(5)] int M);

[GenerateSerializer, Alias("crm.NpsClass")]
public enum NpsClass { Detractor, Passive, Promoter }

/// <param name="Code">Stable for programs: BIRTHDAY_SOON, WIN_BACK, COMPLAINT_PAST_SLA, UPSELL, FOLLOW_UP_DUE, FIRST_PURCHASE, ASK_FEEDBACK.</param>
[GenerateSerializer, Immutable, Alias("crm.NextBestAction")]
public sealed record NextBestAction(
    [property: Id(0)] string Code,
    [property: Id(1)] string Reason);

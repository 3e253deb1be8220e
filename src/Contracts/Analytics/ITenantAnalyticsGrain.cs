using Crm.Contracts.Customers;
using Crm.Contracts.Tenants.Erasure;
using Orleans.Concurrency;

namespace Crm.Contracts.Analytics;

/// <summary>
/// One tenant's live aggregates, keyed by tenant id: the lifecycle funnel, the tier distribution, and day-by-day
/// counts of what happened (new customers, orders and revenue, complaints, surveys, churn, win-backs, monthly
/// activity by acquisition cohort), from which every analytics figure of a period is summed.
/// </summary>
[Alias("crm.tenant-analytics")]
public interface ITenantAnalyticsGrain : IErasableGrain
{
    /// <summary>
    /// One way, after the customer's write: the customer's own state is the truth, and its mutation must not wait
    /// on the tenant's aggregates. Deltas add up in any order.
    /// </summary>
    [Alias("record"), OneWay]
    Task RecordAsync(CustomerDelta delta);

    /// <summary>The figures for the days <paramref name="from"/> to <paramref name="to"/> (inclusive), with the funnel and tiers as of now.</summary>
    [Alias("get"), ReadOnly]
    Task<TenantAnalytics> GetAsync(DateOnly from, DateOnly to);

    /// <summary>How many customers the tenant holds now (the funnel's total): what its plan's customer limit counts.</summary>
    [Alias("count-customers"), ReadOnly]
    Task<long> CountCustomersAsync();
}

/// <summary>What one customer write changed, as the aggregates count it.</summary>
/// <param name="StageBefore">Null for a new customer.</param>
/// <param name="StageAfter">Null for a deleted customer.</param>
/// <param name="CohortMonth">The first day of the month the customer first bought in, once it has.</param>
/// <param name="ActiveMonth">Set on the customer's first interaction of a month: the first day of that month.</param>
[GenerateSerializer, Immutable, Alias("crm.CustomerDelta")]
public sealed record CustomerDelta(
    [property: Id(0)] DateOnly Day,
    [property: Id(1)] LifecycleStage? StageBefore,
    [property: Id(2)] LifecycleStage? StageAfter,
    [property: Id(3)] ValueTier? TierBefore,
    [property: Id(4)] ValueTier? TierAfter,
    [property: Id(5)] int Orders = 0,
    [property: Id(6)] decimal Revenue = 0,
    [property: Id(7)] int ComplaintsOpened = 0,
    [property: Id(8)] int? Csat = null,
    [property: Id(9)] int? Nps = null,
    [property: Id(10)] bool WonBack = false,
    [property: Id(11)] DateOnly? CohortMonth = null,
    [property: Id(12)] DateOnly? ActiveMonth = null,
    [property: Id(13)] bool NewCohortMember = false);

[GenerateSerializer, Immutable, Alias("crm.TenantAnalytics")]
public sealed record TenantAnalytics(
    [property: Id(0)] IReadOnlyDictionary<LifecycleStage, long> Funnel,
    [property: Id(1)] IReadOnlyDictionary<ValueTier, long> Tiers,
    [property: Id(2)] PeriodFigures Period,
    [property: Id(3)] PeriodFigures PreviousPeriod,
    [property: Id(4)] long CustomersAtStart,
    [property: Id(5)] IReadOnlyList<Cohort> Cohorts);

/// <summary>Sums over the days of a period.</summary>
[GenerateSerializer, Immutable, Alias("crm.PeriodFigures")]
public sealed record PeriodFigures(
    [property: Id(0)] long NewCustomers,
    [property: Id(1)] long Orders,
    [property: Id(2)] decimal Revenue,
    [property: Id(3)] long ComplaintsOpened,
    [property: Id(4)] long CsatCount,
    [property: Id(5)] long CsatSum,
    [property: Id(6)] long Promoters,
    [property: Id(7)] long Passives,
    [property: Id(8)] long Detractors,
    [property: Id(9)] long Churned,
    [property: Id(10)] long WonBack,
    [property: Id(11)] long Deleted);

/// <param name="Month">The first day of the month its customers first bought in.</param>
/// <param name="ActiveByMonth">For each month from the cohort's on: how many of its customers interacted in it.</param>
[GenerateSerializer, Immutable, Alias("crm.Cohort")]
public sealed record Cohort(
    [property: Id(0)] DateOnly Month,
    [property: Id(1)] long Size,
    [property: Id(2)] IReadOnlyList<long> ActiveByMonth);

using Crm.Contracts.Customers;

namespace Crm.CustomerSilo.Analytics;

/// <summary>A tenant's aggregates as stored: counts by stage and tier, figures by day, and cohorts by month.</summary>
[GenerateSerializer, Alias("crm.TenantAnalyticsState")]
public sealed class TenantAnalyticsState
{
    [Id(0)] public Dictionary<LifecycleStage, long> Stages { get; set; } = [];
    [Id(1)] public Dictionary<ValueTier, long> Tiers { get; set; } = [];

    /// <summary>Days since 0001-01-01 → what happened that day.</summary>
    [Id(2)] public Dictionary<int, DayFigures> Days { get; set; } = [];

    /// <summary>Cohort month (first day) → its size and its active customers by month.</summary>
    [Id(3)] public Dictionary<DateOnly, CohortFigures> Cohorts { get; set; } = [];

    /// <summary>True when the last activation wrote everything on its way out; false means it may have lost deltas.</summary>
    [Id(4)] public bool StoppedCleanly { get; set; }
}

[GenerateSerializer, Alias("crm.DayFigures")]
public sealed class DayFigures
{
    [Id(0)] public long NewCustomers { get; set; }
    [Id(1)] public long Orders { get; set; }
    [Id(2)] public decimal Revenue { get; set; }
    [Id(3)] public long ComplaintsOpened { get; set; }
    [Id(4)] public long CsatCount { get; set; }
    [Id(5)] public long CsatSum { get; set; }
    [Id(6)] public long Promoters { get; set; }
    [Id(7)] public long Passives { get; set; }
    [Id(8)] public long Detractors { get; set; }
    [Id(9)] public long Churned { get; set; }
    [Id(10)] public long WonBack { get; set; }
    [Id(11)] public long Deleted { get; set; }
}

[GenerateSerializer, Alias("crm.CohortFigures")]
public sealed class CohortFigures
{
    [Id(0)] public long Size { get; set; }
    [Id(1)] public Dictionary<DateOnly, long> Active { get; set; } = [];
}

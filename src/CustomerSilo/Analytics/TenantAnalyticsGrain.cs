using Crm.Contracts.Analytics;
using Crm.Contracts.Customers;
using Crm.CustomerReadModel;
using Crm.CustomerSilo.Aggregates;
using Crm.CustomerReadModel.Queries;
using Crm.CustomerSilo.Insights;
using Crm.CustomerSilo.Tenants.Archive;

namespace Crm.CustomerSilo.Analytics;

/// <summary>
/// A tenant's live aggregates. Customer grains send a delta after each write. The aggregates are kept in memory and
/// written every few seconds and on deactivation. After an activation that did not end cleanly (its silo was
/// lost), the counts by stage and tier are recounted from the read model, which every write updates before it
/// answers; the day figures of those last seconds are lost, while every customer's own data stays whole.
/// </summary>
public sealed class TenantAnalyticsGrain(
    [PersistentState("analytics")] IPersistentState<TenantAnalyticsState> analytics,
    ICustomerReadModel readModel) : Grain, ITenantAnalyticsGrain, IArchivedAnalytics
{
    private static readonly TimeSpan SaveEvery = TimeSpan.FromSeconds(2);
    private readonly SummedState<TenantAnalyticsState, CustomerDelta> _analytics = new(analytics, Apply);
    // Once erased (the tenant deleted, or moved to another cell), the activation writes nothing more: not on its
    // timer, not on deactivation.
    private bool _erased;

    private TenantAnalyticsState State => _analytics.State;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // A tenant's first activation starts from zero: its first customer's delta is on its way. (Recounting then
        // would count that customer twice, once in the read model and once in its delta.)
        if (analytics.RecordExists && !State.StoppedCleanly)
            await RecountAsync(cancellationToken);
        State.StoppedCleanly = false;
        this.RegisterGrainTimer(SaveIfChangedAsync, new GrainTimerCreationOptions(SaveEvery, SaveEvery) { Interleave = false });
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (_erased)
            return;
        await _analytics.SaveAsync(state => state.StoppedCleanly = true, cancellationToken);
    }

    private async Task RecountAsync(CancellationToken cancellationToken)
    {
        var tenantId = this.GetPrimaryKeyString();
        var stages = await readModel.CountByAsync(tenantId, CountField.Stage, cancellationToken);
        var tiers = await readModel.CountByAsync(tenantId, CountField.Tier, cancellationToken);
        State.Stages = stages.ToDictionary(s => Enum.Parse<LifecycleStage>(s.Key, ignoreCase: true), s => s.Value);
        State.Tiers = tiers.ToDictionary(t => Enum.Parse<ValueTier>(t.Key), t => t.Value);
    }

    public Task<long> CountCustomersAsync() => Task.FromResult(State.Stages.Values.Sum(count => (long)count));

    public Task RecordAsync(CustomerDelta delta)
    {
        _analytics.Add(delta);
        return Task.CompletedTask;
    }

    private static void Apply(TenantAnalyticsState state, CustomerDelta delta)
    {
        Move(state.Stages, delta.StageBefore, delta.StageAfter);
        Move(state.Tiers, delta.TierBefore, delta.TierAfter);
        var day = Day(state, delta.Day);
        if (delta.StageBefore is null && delta.StageAfter is not null)
            day.NewCustomers++;
        if (delta.StageAfter is null && delta.StageBefore is not null)
            day.Deleted++;
        if (delta.StageAfter == LifecycleStage.Churned && delta.StageBefore != LifecycleStage.Churned)
            day.Churned++;
        day.Orders += delta.Orders;
        day.Revenue += delta.Revenue;
        day.ComplaintsOpened += delta.ComplaintsOpened;
        if (delta.Csat is { } csat)
        {
            day.CsatCount++;
            day.CsatSum += csat;
        }
        switch (delta.Nps is { } nps ? InsightRules.NpsClassOf(nps) : (NpsClass?)null)
        {
            case NpsClass.Promoter: day.Promoters++; break;
            case NpsClass.Passive: day.Passives++; break;
            case NpsClass.Detractor: day.Detractors++; break;
        }
        if (delta.WonBack)
            day.WonBack++;
        if (delta.CohortMonth is { } cohort)
        {
            var figures = state.Cohorts.TryGetValue(cohort, out var known) ? known : state.Cohorts[cohort] = new CohortFigures();
            if (delta.NewCohortMember)
                figures.Size++;
            if (delta.ActiveMonth is { } month)
                figures.Active[month] = figures.Active.GetValueOrDefault(month) + 1;
        }
    }

    public async Task<int> EraseAsync()
    {
        _erased = true;
        _analytics.ForgetUnsaved();
        // Cleared even when nothing was written yet: the deltas of the last seconds live only in memory.
        var existed = analytics.RecordExists;
        await analytics.ClearStateAsync();
        DeactivateOnIdle();
        return existed ? 1 : 0;
    }

    public Task<TenantAnalytics> GetAsync(DateOnly from, DateOnly to)
    {
        var length = to.DayNumber - from.DayNumber + 1;
        var before = State.Days.Where(d => d.Key < from.DayNumber).Select(d => d.Value).ToList();
        return Task.FromResult(new TenantAnalytics(
            Enum.GetValues<LifecycleStage>().ToDictionary(s => s, s => State.Stages.GetValueOrDefault(s)),
            Enum.GetValues<ValueTier>().ToDictionary(t => t, t => State.Tiers.GetValueOrDefault(t)),
            Sum(from.DayNumber, to.DayNumber),
            Sum(from.DayNumber - length, from.DayNumber - 1),
            before.Sum(d => d.NewCustomers - d.Deleted),
            [.. State.Cohorts.OrderBy(c => c.Key).Select(c => new Cohort(c.Key, c.Value.Size, MonthsFrom(c.Key, c.Value)))]));
    }

    private PeriodFigures Sum(int firstDay, int lastDay)
    {
        var days = State.Days.Where(d => d.Key >= firstDay && d.Key <= lastDay).Select(d => d.Value).ToList();
        return new PeriodFigures(
            days.Sum(d => d.NewCustomers), days.Sum(d => d.Orders), days.Sum(d => d.Revenue), days.Sum(d => d.ComplaintsOpened),
            days.Sum(d => d.CsatCount), days.Sum(d => d.CsatSum), days.Sum(d => d.Promoters), days.Sum(d => d.Passives),
            days.Sum(d => d.Detractors), days.Sum(d => d.Churned), days.Sum(d => d.WonBack), days.Sum(d => d.Deleted));
    }

    /// <summary>Active customers for each month from the cohort's to the latest month any cohort was active in.</summary>
    private List<long> MonthsFrom(DateOnly cohort, CohortFigures figures)
    {
        var last = State.Cohorts.Values.SelectMany(c => c.Active.Keys).DefaultIfEmpty(cohort).Max();
        var months = new List<long>();
        for (var month = cohort; month <= last; month = month.AddMonths(1))
            months.Add(figures.Active.GetValueOrDefault(month));
        return months;
    }

    private static DayFigures Day(TenantAnalyticsState state, DateOnly date) =>
        state.Days.TryGetValue(date.DayNumber, out var day) ? day : state.Days[date.DayNumber] = new DayFigures();

    private static void Move<T>(Dictionary<T, long> counts, T? from, T? to) where T : struct
    {
        if (from is { } old)
            counts[old] = counts.GetValueOrDefault(old) - 1;
        if (to is { } now)
            counts[now] = counts.GetValueOrDefault(now) + 1;
    }

    /// <summary>The aggregates as they are in memory, which is ahead of the store by at most a few seconds.</summary>
    public Task<TenantAnalyticsState?> ExportStateAsync() => Task.FromResult<TenantAnalyticsState?>(State);

    public async Task RestoreStateAsync(TenantAnalyticsState state)
    {
        analytics.State = state;
        State.StoppedCleanly = false;
        _analytics.ForgetUnsaved();
        _erased = false;
        await analytics.WriteStateAsync();
    }

    public Task EraseStateAsync() => EraseAsync();

    private async Task SaveIfChangedAsync(CancellationToken cancellationToken)
    {
        if (!_analytics.HasUnsaved || _erased)
            return;
        await _analytics.SaveAsync(state => state.StoppedCleanly = false, cancellationToken);
    }
}

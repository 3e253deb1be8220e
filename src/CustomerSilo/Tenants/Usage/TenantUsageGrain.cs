using Crm.Contracts.Tenants.Usage;
using Crm.CustomerSilo.Aggregates;
using Crm.CustomerSilo.Tenants.Archive;
using Crm.CustomerSilo.Tenants.Erasure;

namespace Crm.CustomerSilo.Tenants.Usage;

/// <summary>
/// A tenant's metered use by day. Samples are added in memory and written every few seconds and on deactivation,
/// so metering costs the store one write per tenant every <see cref="SaveEvery"/>, not one per request; a silo
/// lost at the wrong moment loses at most those seconds of metering. Days older than <see cref="KeepDays"/> are dropped.
/// </summary>
public sealed class TenantUsageGrain([PersistentState("usage")] IPersistentState<TenantUsageState> usage) : Grain, ITenantUsageGrain, IArchivedUsage
{
    public const int KeepDays = 400;
    private static readonly TimeSpan SaveEvery = TimeSpan.FromSeconds(5);
    private readonly SummedState<TenantUsageState, UsageSample> _usage = new(usage, Add);

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        this.RegisterGrainTimer(SaveIfChangedAsync, new GrainTimerCreationOptions(SaveEvery, SaveEvery) { Interleave = false });
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) => SaveIfChangedAsync(cancellationToken);

    public Task RecordAsync(UsageSample sample)
    {
        _usage.Add(sample);
        return Task.CompletedTask;
    }

    private static void Add(TenantUsageState state, UsageSample sample)
    {
        var days = state.Days;
        var day = days.TryGetValue(sample.Day, out var known) ? known : days[sample.Day] = new UsageCounters();
        day.Requests += sample.Requests;
        day.Refused += sample.Refused;
        day.Cost += sample.Cost;
        foreach (var old in days.Keys.Where(d => d < sample.Day.AddDays(-KeepDays)).ToList())
            days.Remove(old);
    }

    public Task<IReadOnlyList<UsageDay>> GetAsync(DateOnly from, DateOnly to) => Task.FromResult<IReadOnlyList<UsageDay>>(
        [.. _usage.State.Days.Where(d => d.Key >= from && d.Key <= to).OrderBy(d => d.Key)
            .Select(d => new UsageDay(d.Key, d.Value.Requests, d.Value.Refused, d.Value.Cost))]);

    // What is in memory is the truth: the last few seconds may not be written yet.
    public Task<TenantUsageState?> ExportStateAsync() => Task.FromResult(_usage.State.Days.Count > 0 ? _usage.State : null);

    public Task RestoreStateAsync(TenantUsageState state)
    {
        _usage.ForgetUnsaved();
        return usage.RestoreAsync(state);
    }

    public Task EraseStateAsync() => EraseAsync();

    public Task<int> EraseAsync()
    {
        _usage.ForgetUnsaved();
        return this.EraseAsync(usage, _usage.State.Days.Count);
    }

    private Task SaveIfChangedAsync(CancellationToken cancellationToken) =>
        _usage.HasUnsaved ? _usage.SaveAsync(cancellationToken: cancellationToken) : Task.CompletedTask;
}

[GenerateSerializer, Alias("crm.TenantUsageState")]
public sealed class TenantUsageState
{
    [Id(0)] public Dictionary<DateOnly, UsageCounters> Days { get; set; } = [];
}

[GenerateSerializer, Alias("crm.UsageCounters")]
public sealed class UsageCounters
{
    [Id(0)] public long Requests { get; set; }
    [Id(1)] public long Refused { get; set; }
    [Id(2)] public long Cost { get; set; }
}

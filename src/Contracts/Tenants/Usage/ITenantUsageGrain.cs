using Orleans.Concurrency;

namespace Crm.Contracts.Tenants.Usage;

/// <summary>
/// What one tenant used, by UTC day (keyed by tenant id): requests the gateways let through, requests they refused
/// for the plan's limits, and GraphQL cost. Gateways meter in memory and send a sample every few seconds.
/// </summary>
[Alias("crm.tenant-usage")]
public interface ITenantUsageGrain : Erasure.IErasableGrain
{
    [Alias("record"), OneWay]
    Task RecordAsync(UsageSample sample);

    /// <summary>The days from <paramref name="from"/> to <paramref name="to"/> (inclusive) that saw any use.</summary>
    [Alias("get"), ReadOnly]
    Task<IReadOnlyList<UsageDay>> GetAsync(DateOnly from, DateOnly to);
}

[GenerateSerializer, Immutable, Alias("crm.UsageSample")]
public sealed record UsageSample([property: Id(0)] DateOnly Day, [property: Id(1)] long Requests, [property: Id(2)] long Refused, [property: Id(3)] long Cost);

[GenerateSerializer, Immutable, Alias("crm.UsageDay")]
public sealed record UsageDay([property: Id(0)] DateOnly Day, [property: Id(1)] long Requests, [property: Id(2)] long Refused, [property: Id(3)] long Cost);

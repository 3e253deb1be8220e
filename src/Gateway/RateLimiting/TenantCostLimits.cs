using System.Collections.Concurrent;
using System.Globalization;
using System.Threading.RateLimiting;
using Crm.ServiceDefaults.Tenancy;
using Yarp.ReverseProxy.Transforms;
using Yarp.ReverseProxy.Transforms.Builder;

namespace Crm.Gateway.RateLimiting;

/// <summary>The points a request cost, as the service reported them (<see cref="UsageHeaders.Cost"/>).</summary>
public sealed record ChargedCost(long Points);

/// <summary>
/// Each tenant's GraphQL cost a minute, by its plan: a token bucket per tenant holding a minute's points and refilled
/// every second. A request needs the bucket not to be empty; once the service has said what the request cost, the
/// gateway takes that many points. What a request cost beyond the points left is the tenant's debt, paid from the
/// refills before anything else, so a tenant that overspends is refused until the refills have covered all it spent,
/// not merely until the next second's refill. The cost header never reaches the client.
/// </summary>
public sealed class TenantCostLimits
{
    private readonly PartitionedRateLimiter<HttpContext> _buckets = PartitionedRateLimiter.Create<HttpContext, string>(http =>
        PartitionOf(http) is { } partition
            ? RateLimitPartition.GetTokenBucketLimiter(partition, _ => BucketOf(PerMinuteOf(http)))
            : RateLimitPartition.GetNoLimiter(""));

    // Per partition: the points spent beyond what the bucket held, still to be paid from its refills.
    private readonly ConcurrentDictionary<string, long> _debts = new();

    public TenantCostLimits() => Limiter = new DebtFirst(this);

    /// <summary>The limiter the gateway chains after the request limits.</summary>
    public PartitionedRateLimiter<HttpContext> Limiter { get; }

    /// <summary>True when the tenant's budget is spent: what a refusal tells the caller.</summary>
    public bool IsSpent(HttpContext http) =>
        _buckets.GetStatistics(http) is { CurrentAvailablePermits: <= 0 } || (PartitionOf(http) is { } p && _debts.GetValueOrDefault(p) > 0);

    /// <summary>Takes the reported points from the tenant's bucket, and keeps them for the meter.</summary>
    public void Charge(HttpContext http, long points)
    {
        http.Features.Set(new ChargedCost(points));
        if (points <= 1 || PartitionOf(http) is not { } partition)
            return;
        // One point was taken when the request was let in.
        var owed = points - 1;
        var taken = Take(http, owed);
        if (taken < owed)
            _debts.AddOrUpdate(partition, owed - taken, (_, debt) => debt + owed - taken);
    }

    /// <summary>Reads the service's cost header off each proxied response, charges it, and keeps it from the client.</summary>
    public void AddTransform(TransformBuilderContext context) => context.AddResponseTransform(transform =>
    {
        var response = transform.HttpContext.Response;
        if (long.TryParse(response.Headers[UsageHeaders.Cost].ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var points))
            Charge(transform.HttpContext, points);
        response.Headers.Remove(UsageHeaders.Cost);
        return ValueTask.CompletedTask;
    });

    /// <summary>Takes up to <paramref name="points"/> from the bucket; answers how many it took.</summary>
    private long Take(HttpContext http, long points)
    {
        if (_buckets.GetStatistics(http) is not { CurrentAvailablePermits: > 0 and var available })
            return 0;
        var take = (int)Math.Min(points, available);
        using var lease = _buckets.AttemptAcquire(http, take);
        return lease.IsAcquired ? take : 0;
    }

    /// <summary>Pays what the bucket holds towards the tenant's debt; answers how much of it is left.</summary>
    private long PayDebt(HttpContext http)
    {
        if (PartitionOf(http) is not { } partition || _debts.GetValueOrDefault(partition) is var debt && debt <= 0)
            return 0;
        var paid = Take(http, debt);
        var left = _debts.AddOrUpdate(partition, 0, (_, current) => current - paid);
        if (left <= 0)
            _debts.TryRemove(new KeyValuePair<string, long>(partition, left));
        return Math.Max(0, left);
    }

    private static string? PartitionOf(HttpContext http) =>
        http.Features.Get<TenantClaims>() is { } claims ? $"{claims.TenantId}:{claims.Plan}" : null;

    private static int PerMinuteOf(HttpContext http) => TenantRateLimits.LimitsOf(http.Features.Get<TenantClaims>()!).CostPerMinute;

    private static TokenBucketRateLimiterOptions BucketOf(int perMinute) => new()
    {
        TokenLimit = perMinute,
        TokensPerPeriod = RefillPerSecond(perMinute),
        ReplenishmentPeriod = TimeSpan.FromSeconds(1),
        QueueLimit = 0,
        AutoReplenishment = true,
    };

    private static int RefillPerSecond(int perMinute) => Math.Max(1, perMinute / 60);

    /// <summary>The buckets, with a tenant's debt paid before any of its requests is let in.</summary>
    private sealed class DebtFirst(TenantCostLimits limits) : PartitionedRateLimiter<HttpContext>
    {
        public override RateLimiterStatistics? GetStatistics(HttpContext resource) => limits._buckets.GetStatistics(resource);

        protected override RateLimitLease AttemptAcquireCore(HttpContext resource, int permitCount) =>
            limits.PayDebt(resource) is > 0 and var debt ? new InDebt(debt, PerMinuteOf(resource)) : limits._buckets.AttemptAcquire(resource, permitCount);

        protected override ValueTask<RateLimitLease> AcquireAsyncCore(HttpContext resource, int permitCount, CancellationToken cancellationToken) =>
            limits.PayDebt(resource) is > 0 and var debt
                ? ValueTask.FromResult<RateLimitLease>(new InDebt(debt, PerMinuteOf(resource)))
                : limits._buckets.AcquireAsync(resource, permitCount, cancellationToken);
    }

    /// <summary>A refusal while a debt is unpaid, with how long the refills take to pay it.</summary>
    private sealed class InDebt(long debt, int perMinute) : RateLimitLease
    {
        public override bool IsAcquired => false;

        public override IEnumerable<string> MetadataNames => [MetadataName.RetryAfter.Name];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = metadataName == MetadataName.RetryAfter.Name ? TimeSpan.FromSeconds(Math.Ceiling((double)debt / RefillPerSecond(perMinute))) : null;
            return metadata is not null;
        }
    }
}

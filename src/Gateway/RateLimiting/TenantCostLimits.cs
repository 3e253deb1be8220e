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
/// gateway takes that many points (all that are left when the request cost more), so a tenant that spends its
/// minute's budget is refused until the bucket refills. The cost header never reaches the client.
/// </summary>
public sealed class TenantCostLimits
{
    public PartitionedRateLimiter<HttpContext> Limiter { get; } = PartitionedRateLimiter.Create<HttpContext, string>(http =>
        http.Features.Get<TenantClaims>() is { } claims
            ? RateLimitPartition.GetTokenBucketLimiter($"{claims.TenantId}:{claims.Plan}", _ => BucketOf(TenantRateLimits.LimitsOf(claims).CostPerMinute))
            : RateLimitPartition.GetNoLimiter(""));

    /// <summary>True when the tenant's budget is spent: what a refusal tells the caller.</summary>
    public bool IsSpent(HttpContext http) => Limiter.GetStatistics(http) is { CurrentAvailablePermits: <= 0 };

    /// <summary>Takes the reported points from the tenant's bucket, and keeps them for the meter.</summary>
    public void Charge(HttpContext http, long points)
    {
        http.Features.Set(new ChargedCost(points));
        if (points <= 1 || http.Features.Get<TenantClaims>() is not { } claims)
            return;
        // One point was taken when the request was let in.
        var owed = (int)Math.Min(points - 1, TenantRateLimits.LimitsOf(claims).CostPerMinute);
        using var lease = Limiter.AttemptAcquire(http, owed);
        if (!lease.IsAcquired && Limiter.GetStatistics(http) is { CurrentAvailablePermits: > 0 and var left })
            Limiter.AttemptAcquire(http, (int)left).Dispose();
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

    private static TokenBucketRateLimiterOptions BucketOf(int perMinute) => new()
    {
        TokenLimit = perMinute,
        TokensPerPeriod = Math.Max(1, perMinute / 60),
        ReplenishmentPeriod = TimeSpan.FromSeconds(1),
        QueueLimit = 0,
        AutoReplenishment = true,
    };
}

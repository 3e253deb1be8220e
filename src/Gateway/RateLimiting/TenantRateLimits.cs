using System.Globalization;
using System.Threading.RateLimiting;
using Crm.Contracts.Tenants.Plans;
using Crm.ServiceDefaults.Tenancy;
using Microsoft.AspNetCore.RateLimiting;

namespace Crm.Gateway.RateLimiting;

/// <summary>
/// Each tenant's requests a second, by its plan (<see cref="PlanLimits"/>): a token bucket per tenant in ASP.NET
/// Core's rate limiter, so one tenant's burst never spends another's allowance. Every answer says where the caller
/// stands (RateLimit-Limit, RateLimit-Remaining, RateLimit-Reset, RateLimit-Policy); a refusal is 429 with
/// Retry-After. The limits are per gateway instance.
/// </summary>
public static class TenantRateLimits
{
    public static PartitionedRateLimiter<HttpContext> Create() => PartitionedRateLimiter.Create<HttpContext, string>(http =>
        http.Features.Get<TenantClaims>() is { } claims
            // The plan is part of the partition, so a tenant that changes plan gets its new bucket at once.
            ? RateLimitPartition.GetTokenBucketLimiter($"{claims.TenantId}:{claims.Plan}", _ => BucketOf(LimitsOf(claims)))
            : RateLimitPartition.GetNoLimiter(""));

    /// <summary>Requests a second and GraphQL cost a minute, both per tenant, as the one global limiter.</summary>
    public static void AddTenantLimits(this RateLimiterOptions options, PartitionedRateLimiter<HttpContext> requests, TenantCostLimits cost)
    {
        options.GlobalLimiter = PartitionedRateLimiter.CreateChained(requests, cost.Limiter);
        options.OnRejected = async (context, cancellationToken) =>
        {
            if (context.HttpContext.Features.Get<TenantClaims>() is { } claims && context.HttpContext.GetEndpoint()?.Metadata.GetMetadata<EnableRateLimitingAttribute>() is null)
            {
                var limits = LimitsOf(claims);
                WriteHeaders(context.HttpContext.Response, limits, remaining: 0);
                await AddressRateLimits.RefuseAsync(context, cost.IsSpent(context.HttpContext)
                    ? $"The tenant's {claims.Plan} plan allows GraphQL work of {limits.CostPerMinute:N0} cost points a minute, and this minute's are spent."
                    : $"The tenant's {claims.Plan} plan allows {limits.RequestsPerSecond} requests a second (bursts of {limits.Burst}).", cancellationToken);
                return;
            }
            await AddressRateLimits.RefuseAsync(context, "Too many requests from this address.", cancellationToken);
        };
    }

    /// <summary>After the limiter let a request through: tells the caller how much of its allowance is left.</summary>
    public static IApplicationBuilder UseRateLimitHeaders(this IApplicationBuilder app, PartitionedRateLimiter<HttpContext> limiter) => app.Use((http, next) =>
    {
        if (http.Features.Get<TenantClaims>() is { } claims && limiter.GetStatistics(http) is { } statistics)
            WriteHeaders(http.Response, LimitsOf(claims), statistics.CurrentAvailablePermits);
        return next(http);
    });

    public static PlanLimits LimitsOf(TenantClaims claims) =>
        PlanLimits.Of(claims.Plan);

    private static TokenBucketRateLimiterOptions BucketOf(PlanLimits limits) => new()
    {
        TokenLimit = limits.Burst,
        TokensPerPeriod = limits.RequestsPerSecond,
        ReplenishmentPeriod = TimeSpan.FromSeconds(1),
        QueueLimit = 0,
        AutoReplenishment = true,
    };

    private static void WriteHeaders(HttpResponse response, PlanLimits limits, long remaining)
    {
        response.Headers["RateLimit-Limit"] = limits.Burst.ToString(CultureInfo.InvariantCulture);
        response.Headers["RateLimit-Remaining"] = remaining.ToString(CultureInfo.InvariantCulture);
        // The bucket refills every second.
        response.Headers["RateLimit-Reset"] = "1";
        response.Headers["RateLimit-Policy"] = $"{limits.RequestsPerSecond};w=1;burst={limits.Burst}";
    }
}

using System.Collections.Concurrent;
using Crm.Contracts.Tenants.Usage;
using Crm.Gateway.Cells;
using Crm.Gateway.RateLimiting;
using Crm.ServiceDefaults.Tenancy;

namespace Crm.Gateway.Metering;

/// <summary>
/// Counts each tenant's requests, refusals and GraphQL cost in memory; <see cref="UsageReporter"/> sends the counts
/// to the tenant's usage grain every few seconds.
/// </summary>
public sealed class UsageMeter(TimeProvider time)
{
    private ConcurrentDictionary<string, Counters> _counters = new();

    public void Served(string tenantId, long cost) => Add(tenantId, requests: 1, refused: 0, cost);

    public void Refused(string tenantId) => Add(tenantId, requests: 0, refused: 1, cost: 0);

    /// <summary>Everything counted since the last call, by tenant, as samples of today.</summary>
    public IReadOnlyList<(string TenantId, UsageSample Sample)> Drain()
    {
        var drained = Interlocked.Exchange(ref _counters, new ConcurrentDictionary<string, Counters>());
        var day = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        return [.. drained.Select(c => (c.Key, new UsageSample(day, c.Value.Requests, c.Value.Refused, c.Value.Cost)))];
    }

    private void Add(string tenantId, long requests, long refused, long cost)
    {
        var counters = _counters.GetOrAdd(tenantId, _ => new Counters());
        Interlocked.Add(ref counters.Requests, requests);
        Interlocked.Add(ref counters.Refused, refused);
        Interlocked.Add(ref counters.Cost, cost);
    }

    private sealed class Counters
    {
        public long Requests;
        public long Refused;
        public long Cost;
    }
}

public static class UsageMetering
{
    /// <summary>Meters every authenticated request once it has been answered.</summary>
    public static IApplicationBuilder UseUsageMetering(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        await next(http);
        if (http.Features.Get<TenantClaims>() is not { } claims)
            return;
        var meter = http.RequestServices.GetRequiredService<UsageMeter>();
        if (http.Response.StatusCode == StatusCodes.Status429TooManyRequests)
            meter.Refused(claims.TenantId);
        else
            meter.Served(claims.TenantId, http.Features.Get<ChargedCost>()?.Points ?? 0);
    });
}

/// <summary>Sends the meter's counts to the tenants' usage grains every <see cref="Every"/>, and once more on shutdown.</summary>
public sealed class UsageReporter(UsageMeter meter, ICellClients cells, ILogger<UsageReporter> logger) : BackgroundService
{
    public static readonly TimeSpan Every = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Every);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
                Report();
        }
        finally
        {
            Report();
        }
    }

    private void Report()
    {
        foreach (var (tenantId, sample) in meter.Drain())
        {
            try
            {
                // One-way: metering never holds a gateway back.
                cells.ForTenant(tenantId).GetGrain<ITenantUsageGrain>(tenantId).RecordAsync(sample).Ignore();
            }
            catch (Exception e)
            {
                logger.LogWarning(e, "Could not report the usage of tenant {Tenant}.", tenantId);
            }
        }
    }
}

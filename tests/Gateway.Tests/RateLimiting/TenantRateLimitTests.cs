using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using Crm.Contracts.Tenants;
using Crm.Contracts.Tenants.Access;
using Crm.Contracts.Tenants.Plans;
using Crm.Gateway.Authentication;
using Crm.Gateway.Metering;
using Microsoft.Extensions.DependencyInjection;

namespace Gateway.Tests.RateLimiting;

public sealed class TenantRateLimitTests : IAsyncLifetime
{
    private static readonly ApiKey FreeKey = ApiKey.Create(TenantIds.New());
    private static readonly ApiKey ProKey = ApiKey.Create(TenantIds.New());
    private GatewayUnderTest _gateway = null!;

    public async Task InitializeAsync() => _gateway = await GatewayUnderTest.StartAsync(new TwoTenants());

    public async Task DisposeAsync() => await _gateway.DisposeAsync();

    private async Task<HttpResponseMessage> CallAsync(ApiKey key, long? reportedCost = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = new StringContent("{}") };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key.ToString());
        if (reportedCost is { } cost)
            request.Headers.Add("X-Test-Cost", cost.ToString());
        return await _gateway.Client.SendAsync(request);
    }

    [Fact]
    public async Task Past_its_plans_burst_a_tenant_gets_429_with_retry_after_and_another_tenant_is_unaffected()
    {
        var free = PlanLimits.Of(TenantPlan.Free);
        // The bucket refills RequestsPerSecond a second, so a burst twice its size must run out within a second.
        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? refused = null;
        for (var i = 0; i < free.Burst * 2 && refused is null; i++)
        {
            var response = await CallAsync(FreeKey);
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
                refused = response;
            else
                response.Dispose();
        }

        Assert.NotNull(refused);
        Assert.True(statuses.Count(s => s == HttpStatusCode.OK) >= free.Burst, $"only {statuses.Count(s => s == HttpStatusCode.OK)} passed before the first 429");
        Assert.InRange(refused!.Headers.RetryAfter!.Delta!.Value, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2));
        Assert.Equal(free.Burst.ToString(), refused.Headers.GetValues("RateLimit-Limit").Single());
        Assert.Equal("0", refused.Headers.GetValues("RateLimit-Remaining").Single());
        Assert.Contains("free plan", await refused.Content.ReadAsStringAsync());
        refused.Dispose();

        using var other = await CallAsync(ProKey);
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
        var remaining = int.Parse(other.Headers.GetValues("RateLimit-Remaining").Single());
        Assert.Equal(PlanLimits.Of(TenantPlan.Pro).Burst - 1, remaining);

        // The meter counted what was served and what was refused, per tenant.
        var usage = _gateway.Services.GetRequiredService<UsageMeter>().Drain().ToDictionary(u => u.TenantId, u => u.Sample);
        Assert.Equal(statuses.Count(s => s == HttpStatusCode.OK), usage[FreeKey.TenantId].Requests);
        Assert.Equal(1, usage[FreeKey.TenantId].Refused);
        Assert.Equal(1, usage[ProKey.TenantId].Requests);
    }

    [Fact]
    public async Task A_tenant_that_overspent_its_minutes_cost_budget_is_refused_until_the_refills_cover_it_and_never_sees_the_cost_header()
    {
        var budget = PlanLimits.Of(TenantPlan.Free).CostPerMinute;
        // 5,000 points beyond the budget take the refills (a 60th of the budget a second) 15 s to cover.
        var coveredIn = TimeSpan.FromSeconds(5_000.0 / (budget / 60));

        var clock = Stopwatch.StartNew();
        using var expensive = await CallAsync(FreeKey, reportedCost: budget + 5_000);
        using var next = await CallAsync(FreeKey);
        // Refills that came between the two calls paid some of the debt already.
        var paidMeanwhile = clock.Elapsed + TimeSpan.FromSeconds(1);
        using var other = await CallAsync(ProKey, reportedCost: 10);

        Assert.Equal(HttpStatusCode.OK, expensive.StatusCode);
        Assert.False(expensive.Headers.Contains(Crm.ServiceDefaults.Tenancy.UsageHeaders.Cost));
        Assert.Equal(HttpStatusCode.TooManyRequests, next.StatusCode);
        Assert.Contains("cost points a minute", await next.Content.ReadAsStringAsync());
        Assert.InRange(next.Headers.RetryAfter!.Delta!.Value, coveredIn - paidMeanwhile, coveredIn + TimeSpan.FromSeconds(1));
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
        var usage = _gateway.Services.GetRequiredService<UsageMeter>().Drain().ToDictionary(u => u.TenantId, u => u.Sample);
        Assert.Equal(budget + 5_000, usage[FreeKey.TenantId].Cost);
        Assert.Equal(10, usage[ProKey.TenantId].Cost);
    }

    private sealed class TwoTenants : ITenantCredentials
    {
        public ValueTask<KeyAccess?> VerifyKeyAsync(ApiKey key, CancellationToken cancellationToken) => ValueTask.FromResult(
            key == FreeKey ? new KeyAccess("free", [ApiKeyScope.Read], null, TenantPlan.Free)
            : key == ProKey ? new KeyAccess("pro", [ApiKeyScope.Read], null, TenantPlan.Pro)
            : null);

        public ValueTask<UserAccess?> VerifyUserAsync(string tenantId, string userId, CancellationToken cancellationToken) => ValueTask.FromResult<UserAccess?>(null);
    }
}

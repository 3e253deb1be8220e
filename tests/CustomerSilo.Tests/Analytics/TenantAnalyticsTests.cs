using Crm.Contracts;
using Crm.Contracts.Analytics;
using Crm.Contracts.Customers;
using Crm.Contracts.Tenants;
using Crm.CustomerReadModel.Queries;

namespace CustomerSilo.Tests.Analytics;

public sealed class TenantAnalyticsTests(LifecycleCluster crm) : IClassFixture<LifecycleCluster>
{
    private DateOnly Today => DateOnly.FromDateTime(crm.Clock.GetUtcNow().UtcDateTime);

    private async Task<ICustomerGrain> CreateAsync(string tenantId, string name)
    {
        var customer = crm.Grains.GetGrain<ICustomerGrain>(TenantKey.For(tenantId, Guid.NewGuid().ToString("N")));
        await customer.CreateAsync(new CustomerDetails(name));
        return customer;
    }

    /// <summary>Deltas travel one way, after the writes: wait, with a deadline, for the aggregates to have them all.</summary>
    private async Task<TenantAnalytics> EventuallyAsync(string tenantId, Func<TenantAnalytics, bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var figures = await crm.Grains.GetGrain<ITenantAnalyticsGrain>(tenantId).GetAsync(Today.AddDays(-29), Today);
            if (condition(figures))
                return figures;
            Assert.True(DateTime.UtcNow < deadline, "the aggregates did not get there within 30 s");
            await Task.Delay(20);
        }
    }

    [Fact]
    public async Task Every_write_updates_the_read_model_before_it_answers()
    {
        var tenantId = TenantIds.New();
        var customer = await CreateAsync(tenantId, "Listed");
        var view = await customer.RecordOrderAsync(new NewOrder(1_200, "USD"));

        var listing = (await crm.ReadModel.GetAsync(tenantId, view.CustomerId))!;
        Assert.Equal(("Listed", "ACQUISITION", "B", 1_200m, 1, view.Version), (listing.Name, listing.Stage, listing.Tier, listing.TotalSpend, listing.OrderCount, listing.Version));

        await customer.DeleteAsync();
        Assert.Null(await crm.ReadModel.GetAsync(tenantId, view.CustomerId));
    }

    [Fact]
    public async Task The_funnel_and_tiers_equal_a_recount_of_the_read_model()
    {
        var tenantId = TenantIds.New();
        var customers = new List<ICustomerGrain>();
        for (var i = 0; i < 12; i++)
            customers.Add(await CreateAsync(tenantId, $"C{i}"));
        for (var i = 0; i < 8; i++)
            await customers[i].RecordOrderAsync(new NewOrder(i < 3 ? 6_000 : 300, "USD"));
        for (var i = 0; i < 3; i++)
            await customers[i].RecordOrderAsync(new NewOrder(10, "USD"));
        await customers[11].ChangeStageAsync(LifecycleStage.Churned, "Closed the account", "user:1");
        await customers[10].DeleteAsync();

        var stages = await crm.ReadModel.CountByAsync(tenantId, CountField.Stage);
        var tiers = await crm.ReadModel.CountByAsync(tenantId, CountField.Tier);
        var figures = await EventuallyAsync(tenantId, f => f.Funnel.Values.Sum() == 11 && f.Period.Orders == 11);

        Assert.Equal(stages.OrderBy(s => s.Key), figures.Funnel.Where(s => s.Value > 0).Select(s => KeyValuePair.Create(s.Key.ToString().ToUpperInvariant(), s.Value)).OrderBy(s => s.Key));
        Assert.Equal(tiers.OrderBy(t => t.Key), figures.Tiers.Where(t => t.Value > 0).Select(t => KeyValuePair.Create(t.Key.ToString(), t.Value)).OrderBy(t => t.Key));
        Assert.Equal((3L, 5L, 2L, 1L), (figures.Funnel[LifecycleStage.Consolidation], figures.Funnel[LifecycleStage.Acquisition],
            figures.Funnel[LifecycleStage.Awareness], figures.Funnel[LifecycleStage.Churned]));
        Assert.Equal(3, figures.Tiers[ValueTier.A]);

        // A new activation recounts from the read model and agrees.
        await crm.Cluster.DeactivateAsync(crm.Grains.GetGrain<ITenantAnalyticsGrain>(tenantId));
        var again = await crm.Grains.GetGrain<ITenantAnalyticsGrain>(tenantId).GetAsync(Today, Today);
        Assert.Equal(figures.Funnel, again.Funnel);
    }

    [Fact]
    public async Task The_period_sums_orders_revenue_complaints_satisfaction_and_churn()
    {
        var tenantId = TenantIds.New();
        var a = await CreateAsync(tenantId, "A");
        var b = await CreateAsync(tenantId, "B");
        await a.RecordOrderAsync(new NewOrder(100, "USD"));
        await a.RecordOrderAsync(new NewOrder(50, "EUR")); // another currency: an order, but no revenue in USD
        await b.RecordOrderAsync(new NewOrder(250, "USD"));
        await b.OpenComplaintAsync(new NewComplaint("delivery", ComplaintSeverity.Medium));
        await a.RecordSurveyResponseAsync(new NewSurveyResponse(5, 10));
        await b.RecordSurveyResponseAsync(new NewSurveyResponse(2, 3));
        await b.ChangeStageAsync(LifecycleStage.Churned, "Cancelled", "user:1");

        var figures = await EventuallyAsync(tenantId, f => f.Period.Churned == 1 && f.Period.CsatCount == 2);

        Assert.Equal((2L, 3L, 350m, 1L), (figures.Period.NewCustomers, figures.Period.Orders, figures.Period.Revenue, figures.Period.ComplaintsOpened));
        Assert.Equal((7L, 1L, 1L), (figures.Period.CsatSum, figures.Period.Promoters, figures.Period.Detractors));
        var cohort = Assert.Single(figures.Cohorts);
        Assert.Equal((2L, 2L), (cohort.Size, cohort.ActiveByMonth[0]));
    }
}

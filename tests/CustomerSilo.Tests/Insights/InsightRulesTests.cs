using Crm.Contracts.Customers;
using Crm.Contracts.Tenants;
using Crm.CustomerSilo.Customers;
using Crm.CustomerSilo.Insights;

namespace CustomerSilo.Tests.Insights;

public sealed class InsightRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    private static Order Bought(decimal amount, int daysAgo, string currency = "USD") =>
        new("o", amount, currency, 1, Channel.Store, Now.AddDays(-daysAgo), null, PaymentStatus.Paid, DeliveryStatus.Delivered);

    [Theory]
    [InlineData(5_000, 1, ValueTier.A)]
    [InlineData(100, 20, ValueTier.A)]
    [InlineData(1_000, 1, ValueTier.B)]
    [InlineData(10, 5, ValueTier.B)]
    [InlineData(999, 4, ValueTier.C)]
    public void Tiers_follow_the_tenants_spend_or_frequency_thresholds(decimal spend, int orders, ValueTier tier)
    {
        Assert.Equal(tier, InsightRules.TierOf(spend, orders, TierThresholds.Defaults));
    }

    [Fact]
    public void Spend_counts_the_tenants_currency_and_leaves_refunds_out()
    {
        var customer = new CustomerState { Orders = [Bought(100, 1), Bought(50, 1, "EUR"), Bought(70, 1) with { PaymentStatus = PaymentStatus.Refunded }] };
        Assert.Equal(100m, InsightRules.For(customer, TenantSettings.Defaults, Now).TotalSpend);
    }

    [Fact]
    public void RFM_scores_recency_frequency_and_spend()
    {
        var customer = new CustomerState { Orders = [Bought(3_000, 100), Bought(3_000, 10)] };
        var rfm = InsightRules.For(customer, TenantSettings.Defaults, Now).Rfm;
        Assert.Equal(new RfmScores(10, 2, 6_000m, 5, 2, 5), rfm);
    }

    [Fact]
    public void NPS_classes_and_the_latest_CSAT()
    {
        var customer = new CustomerState
        {
            Surveys = [new("s1", 2, 3, null, Now.AddDays(-9)), new("s2", 5, null, null, Now.AddDays(-2)), new("s3", null, 9, null, Now)],
        };
        var insights = InsightRules.For(customer, TenantSettings.Defaults, Now);
        Assert.Equal((5, NpsClass.Promoter), (insights.LatestCsat, insights.NpsClass));
        Assert.Equal(NpsClass.Passive, InsightRules.NpsClassOf(7));
        Assert.Equal(NpsClass.Detractor, InsightRules.NpsClassOf(6));
    }

    [Fact]
    public void Next_best_actions_name_a_late_complaint_a_coming_birthday_and_a_win_back()
    {
        var customer = new CustomerState
        {
            Stage = LifecycleStage.Decline,
            Details = new CustomerDetails("Ada", Birthday: new DateOnly(1990, 12, 10)),
            Complaints = [new("c1", "billing", ComplaintSeverity.High, ComplaintStatus.Open, null, Now.AddDays(-2), Now.AddDays(-1), null, null, null)],
        };
        var codes = InsightRules.For(customer, TenantSettings.Defaults, Now).NextBestActions.Select(a => a.Code).ToList();
        Assert.Equal(["COMPLAINT_PAST_SLA", "WIN_BACK", "BIRTHDAY_SOON"], codes);
    }

    [Fact]
    public void A_leap_day_birthday_falls_on_the_28th_in_other_years()
    {
        Assert.Equal(0, InsightRules.DaysToBirthday(new DateOnly(2000, 2, 29), new DateTimeOffset(2027, 2, 28, 9, 0, 0, TimeSpan.Zero)));
    }
}

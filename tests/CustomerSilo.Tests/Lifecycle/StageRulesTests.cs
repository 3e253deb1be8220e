using Crm.Contracts.Customers;
using Crm.Contracts.Tenants;
using Crm.CustomerSilo.Customers;
using Crm.CustomerSilo.Lifecycle;

namespace CustomerSilo.Tests.Lifecycle;

public sealed class StageRulesTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly TenantSettings Settings = TenantSettings.Defaults;

    private static CustomerState Customer(LifecycleStage stage, int orders = 0, decimal each = 100m) => new()
    {
        Stage = stage,
        CreatedAt = Start,
        Orders = [.. Enumerable.Range(1, orders).Select(i => new Order($"o{i}", each, "USD", 1, Channel.Store, Start, null, PaymentStatus.Paid, DeliveryStatus.Delivered))],
    };

    [Fact]
    public void A_first_purchase_moves_awareness_to_acquisition()
    {
        var change = StageRules.AfterPurchase(Customer(LifecycleStage.Awareness, orders: 1), Settings, Start)!;
        Assert.Equal((LifecycleStage.Awareness, LifecycleStage.Acquisition, StageRules.FirstPurchase), (change.From, change.To, change.By));
    }

    [Fact]
    public void A_repeat_purchase_moves_acquisition_to_consolidation()
    {
        Assert.Equal(LifecycleStage.Consolidation, StageRules.AfterPurchase(Customer(LifecycleStage.Acquisition, orders: 2), Settings, Start)!.To);
    }

    [Fact]
    public void Maturity_needs_both_the_order_count_and_the_spend()
    {
        // Defaults: 5 orders and 1,000 USD.
        Assert.Null(StageRules.AfterPurchase(Customer(LifecycleStage.Consolidation, orders: 5, each: 100m), Settings, Start));
        Assert.Null(StageRules.AfterPurchase(Customer(LifecycleStage.Consolidation, orders: 4, each: 1_000m), Settings, Start));
        Assert.Equal(LifecycleStage.Maturity, StageRules.AfterPurchase(Customer(LifecycleStage.Consolidation, orders: 5, each: 200m), Settings, Start)!.To);
    }

    [Theory]
    [InlineData(LifecycleStage.Decline)]
    [InlineData(LifecycleStage.Churned)]
    public void A_purchase_in_decline_or_churn_wins_the_customer_back_to_consolidation(LifecycleStage stage)
    {
        var customer = Customer(stage, orders: 9);
        var change = StageRules.AfterPurchase(customer, Settings, Start)!;
        StageRules.Apply(customer, change);

        Assert.Equal(LifecycleStage.Consolidation, customer.Stage);
        Assert.Equal(StageRules.WinBack, change.By);
        Assert.Equal(1, customer.WinBacks);
    }

    [Fact]
    public void Silence_moves_to_decline_after_N_days_and_to_churned_after_M()
    {
        var customer = Customer(LifecycleStage.Maturity);
        Assert.Null(StageRules.AfterSilence(customer, Settings.Lifecycle, Start.AddDays(89)));
        Assert.Equal(LifecycleStage.Decline, StageRules.AfterSilence(customer, Settings.Lifecycle, Start.AddDays(90))!.To);
        customer.Stage = LifecycleStage.Decline;
        Assert.Null(StageRules.AfterSilence(customer, Settings.Lifecycle, Start.AddDays(179)));
        Assert.Equal(LifecycleStage.Churned, StageRules.AfterSilence(customer, Settings.Lifecycle, Start.AddDays(180))!.To);
        customer.Stage = LifecycleStage.Churned;
        Assert.Null(StageRules.NextSilenceCheck(customer, Settings.Lifecycle));
    }

    [Fact]
    public void The_next_silence_check_follows_the_last_interaction()
    {
        var customer = Customer(LifecycleStage.Acquisition);
        customer.Tally.Add(new Interaction(Channel.Web, InteractionKind.Visit, Start.AddDays(10), null, null), Start.AddDays(10));

        Assert.Equal(Start.AddDays(100), StageRules.NextSilenceCheck(customer, Settings.Lifecycle));
        customer.Stage = LifecycleStage.Decline;
        Assert.Equal(Start.AddDays(190), StageRules.NextSilenceCheck(customer, Settings.Lifecycle));
    }

    [Fact]
    public void A_manual_change_needs_a_reason_and_a_different_stage()
    {
        var customer = Customer(LifecycleStage.Awareness);
        Assert.Equal("reason", Assert.Throws<InvalidCustomerException>(() => StageRules.Manual(customer, LifecycleStage.Maturity, " ", "user:1", Start)).Field);
        Assert.Equal("stage", Assert.Throws<InvalidCustomerException>(() => StageRules.Manual(customer, LifecycleStage.Awareness, "why", "user:1", Start)).Field);
        var change = StageRules.Manual(customer, LifecycleStage.Maturity, "Signed a framework contract", "user:1", Start);
        Assert.Equal(("Signed a framework contract", "user:1"), (change.Reason, change.By));
    }
}

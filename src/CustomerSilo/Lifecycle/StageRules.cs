using Crm.Contracts.Customers;
using Crm.Contracts.Tenants;
using Crm.CustomerSilo.Customers;
using Crm.CustomerSilo.Insights;

namespace Crm.CustomerSilo.Lifecycle;

/// <summary>
/// The lifecycle rules: where a purchase, a stretch of silence or a person's decision moves a customer. Each move
/// is returned as a <see cref="StageChange"/> saying why and by which rule, so no stage ever moves silently.
/// </summary>
public static class StageRules
{
    public const string FirstPurchase = "rule:first-purchase";
    public const string RepeatPurchase = "rule:repeat-purchase";
    public const string Maturity = "rule:maturity";
    public const string WinBack = "rule:win-back";
    public const string Decline = "rule:decline";
    public const string Churn = "rule:churn";
    public const string Created = "rule:created";

    /// <summary>The move a purchase just recorded in <paramref name="customer"/> makes, if any.</summary>
    public static StageChange? AfterPurchase(CustomerState customer, TenantSettings settings, DateTimeOffset now)
    {
        var rules = settings.Lifecycle;
        var orders = customer.Orders.Count;
        return customer.Stage switch
        {
            LifecycleStage.Decline or LifecycleStage.Churned =>
                Move(customer, LifecycleStage.Consolidation, now, $"A purchase while {Name(customer.Stage)} wins the customer back.", WinBack),
            LifecycleStage.Awareness =>
                Move(customer, LifecycleStage.Acquisition, now, "First purchase.", FirstPurchase),
            LifecycleStage.Acquisition when orders >= 2 =>
                Move(customer, LifecycleStage.Consolidation, now, "Repeat purchase.", RepeatPurchase),
            LifecycleStage.Consolidation when orders >= rules.MaturityMinOrders && Spend.Of(customer, settings) >= rules.MaturityMinSpend =>
                Move(customer, LifecycleStage.Maturity, now,
                    $"{orders} orders and a spend of {Spend.Of(customer, settings)} {settings.Currency} reach the maturity thresholds ({rules.MaturityMinOrders} orders, {rules.MaturityMinSpend} {settings.Currency}).",
                    Maturity),
            _ => null,
        };
    }

    /// <summary>The move the time since the customer's last interaction makes at <paramref name="now"/>, if any.</summary>
    public static StageChange? AfterSilence(CustomerState customer, LifecycleRules rules, DateTimeOffset now)
    {
        var silentDays = (int)(now - LastActivity(customer)).TotalDays;
        if (silentDays >= rules.ChurnAfterDays && customer.Stage != LifecycleStage.Churned)
            return Move(customer, LifecycleStage.Churned, now, $"No interaction for {silentDays} days (churn after {rules.ChurnAfterDays}).", Churn);
        if (silentDays >= rules.DeclineAfterDays && customer.Stage is not (LifecycleStage.Decline or LifecycleStage.Churned))
            return Move(customer, LifecycleStage.Decline, now, $"No interaction for {silentDays} days (decline after {rules.DeclineAfterDays}).", Decline);
        return null;
    }

    /// <summary>When silence could next move the customer: null once it has churned.</summary>
    public static DateTimeOffset? NextSilenceCheck(CustomerState customer, LifecycleRules rules) => customer.Stage switch
    {
        LifecycleStage.Churned => null,
        LifecycleStage.Decline => LastActivity(customer).AddDays(rules.ChurnAfterDays),
        _ => LastActivity(customer).AddDays(rules.DeclineAfterDays),
    };

    /// <summary>A person's move: it must change the stage and give a reason.</summary>
    public static StageChange Manual(CustomerState customer, LifecycleStage to, string reason, string by, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(reason))
            throw new InvalidCustomerException("reason", "A manual stage change needs a reason, which the customer's history keeps.");
        if (to == customer.Stage)
            throw new InvalidCustomerException("stage", $"The customer is already {Name(to)}.");
        return Move(customer, to, now, reason.Trim(), by);
    }

    /// <summary>Enters the change in the customer's stage and history.</summary>
    public static void Apply(CustomerState customer, StageChange change)
    {
        if (change.By == WinBack)
            customer.WinBacks++;
        customer.Stage = change.To;
        customer.StageHistory.Add(change);
    }

    public static string Name(LifecycleStage stage) => stage.ToString().ToUpperInvariant();

    private static DateTimeOffset LastActivity(CustomerState customer) => customer.Tally.LastAt is { } last && last > customer.CreatedAt ? last : customer.CreatedAt;

    private static StageChange Move(CustomerState customer, LifecycleStage to, DateTimeOffset now, string reason, string by) =>
        new(customer.Stage, to, now, reason, by);
}

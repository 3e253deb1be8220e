using Crm.Contracts.Analytics;
using Crm.Contracts.Customers;
using Crm.Contracts.Tenants;
using Crm.CustomerSilo.Customers;
using Crm.CustomerSilo.Insights;

namespace Crm.CustomerSilo.Analytics;

/// <summary>
/// Collects what one customer write changed, for the tenant's aggregates: the stage and tier before and after, and
/// the events the write recorded (an order and its revenue, a complaint, a survey answer).
/// </summary>
public sealed class ChangeRecorder
{
    private LifecycleStage? _stageBefore;
    private ValueTier? _tierBefore;
    private int _winBacksBefore;

    public int Orders { get; set; }
    public decimal Revenue { get; set; }
    public int ComplaintsOpened { get; set; }
    public int? Csat { get; set; }
    public int? Nps { get; set; }

    /// <summary>Starts a change of <paramref name="customer"/> (null when it does not exist yet).</summary>
    public static ChangeRecorder Begin(CustomerState? customer, TenantSettings settings) => new()
    {
        _stageBefore = customer?.Stage,
        _tierBefore = customer is null ? null : TierOf(customer, settings),
        _winBacksBefore = customer?.WinBacks ?? 0,
    };

    /// <summary>
    /// The delta of the change, with <paramref name="customer"/> as it will be written (null when deleted). It also
    /// notes in the customer's state the cohort and activity months it has now counted, so each is counted once.
    /// </summary>
    public CustomerDelta Finish(CustomerState? customer, TenantSettings settings, DateTimeOffset now)
    {
        DateOnly? cohort = null, active = null;
        var newMember = false;
        if (customer is not null)
        {
            if (customer.CohortMonth is null && customer.Orders.Count > 0)
            {
                customer.CohortMonth = MonthOf(customer.Orders.Min(o => o.At));
                newMember = true;
            }
            cohort = customer.CohortMonth;
            if (cohort is not null && customer.Tally.LastAt is { } last && (customer.LastActiveMonth is null || MonthOf(last) > customer.LastActiveMonth))
                active = customer.LastActiveMonth = MonthOf(last);
        }
        return new CustomerDelta(
            DateOnly.FromDateTime(now.UtcDateTime),
            _stageBefore,
            customer?.Stage,
            _tierBefore,
            customer is null ? null : TierOf(customer, settings),
            Orders,
            Revenue,
            ComplaintsOpened,
            Csat,
            Nps,
            customer is not null && customer.WinBacks > _winBacksBefore,
            cohort,
            active,
            newMember);
    }

    /// <summary>False for a write that moves no aggregate (a profile edit), which then sends nothing.</summary>
    public static bool Matters(CustomerDelta delta) =>
        delta.StageBefore != delta.StageAfter || delta.TierBefore != delta.TierAfter || delta.Orders > 0 || delta.ComplaintsOpened > 0
        || delta.Csat is not null || delta.Nps is not null || delta.ActiveMonth is not null || delta.NewCohortMember;

    private static ValueTier TierOf(CustomerState customer, TenantSettings settings) =>
        InsightRules.TierOf(Spend.Of(customer, settings), customer.Orders.Count, settings.Tiers);

    private static DateOnly MonthOf(DateTimeOffset at) => new(at.UtcDateTime.Year, at.UtcDateTime.Month, 1);
}

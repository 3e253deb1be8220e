using Crm.Contracts.Customers;
using Crm.Contracts.Tenants;
using Crm.CustomerSilo.Customers;
using Crm.CustomerSilo.Lifecycle;

namespace Crm.CustomerSilo.Insights;

/// <summary>
/// What a customer's records say: RFM scores, the value tier, service figures and the next best actions. The score
/// bands are in the README's "CRM rules" section.
/// </summary>
public static class InsightRules
{
    /// <summary>How far ahead a birthday counts as soon.</summary>
    public const int BirthdayNoticeDays = 14;

    /// <summary>How long after the last survey an active buyer is asked again.</summary>
    public const int FeedbackAfterDays = 90;

    public static CustomerInsights For(CustomerState customer, TenantSettings settings, DateTimeOffset now)
    {
        var spend = Spend.Of(customer, settings);
        var orders = customer.Orders.Count;
        var lastOrder = customer.Orders.Count == 0 ? (DateTimeOffset?)null : customer.Orders.Max(o => o.At);
        var recency = lastOrder is { } at ? Math.Max(0, (int)(now - at).TotalDays) : (int?)null;
        var rfm = new RfmScores(recency, orders, spend, RecencyScore(recency), FrequencyScore(orders), MonetaryScore(spend, settings.Tiers));
        var latestCsat = customer.Surveys.LastOrDefault(s => s.Csat is not null)?.Csat;
        var latestNps = customer.Surveys.LastOrDefault(s => s.Nps is not null)?.Nps;
        return new CustomerInsights(
            rfm,
            TierOf(spend, orders, settings.Tiers),
            spend,
            customer.Complaints.Count(c => c.Status == ComplaintStatus.Open),
            latestCsat,
            latestNps is { } nps ? NpsClassOf(nps) : null,
            NextBestActions(customer, now));
    }

    public static ValueTier TierOf(decimal spend, int orders, TierThresholds tiers) =>
        spend >= tiers.ASpend || orders >= tiers.AOrders ? ValueTier.A
        : spend >= tiers.BSpend || orders >= tiers.BOrders ? ValueTier.B
        : ValueTier.C;

    public static NpsClass NpsClassOf(int nps) => nps >= 9 ? NpsClass.Promoter : nps >= 7 ? NpsClass.Passive : NpsClass.Detractor;

    private static int RecencyScore(int? days) => days switch
    {
        null => 1,
        <= 30 => 5,
        <= 90 => 4,
        <= 180 => 3,
        <= 365 => 2,
        _ => 1,
    };

    private static int FrequencyScore(int orders) => orders switch
    {
        >= 20 => 5,
        >= 10 => 4,
        >= 5 => 3,
        >= 2 => 2,
        _ => 1,
    };

    private static int MonetaryScore(decimal spend, TierThresholds tiers) =>
        spend >= tiers.ASpend ? 5 : spend >= tiers.BSpend ? 4 : spend >= tiers.BSpend / 2 ? 3 : spend > 0 ? 2 : 1;

    private static List<NextBestAction> NextBestActions(CustomerState customer, DateTimeOffset now)
    {
        var actions = new List<NextBestAction>();
        foreach (var late in customer.Complaints.Where(c => c.Status == ComplaintStatus.Open && c.SlaDueAt < now))
            actions.Add(new("COMPLAINT_PAST_SLA", $"Complaint {late.Id} ({late.Category}) was due by {late.SlaDueAt:u}: resolve it first."));
        foreach (var due in customer.FollowUps.Where(f => f.CompletedAt is null && f.DueAt <= now.AddDays(1)))
            actions.Add(new("FOLLOW_UP_DUE", $"Follow-up '{due.Title}' is due by {due.DueAt:u}."));
        if (customer.Stage is LifecycleStage.Decline or LifecycleStage.Churned)
            actions.Add(new("WIN_BACK", $"The customer is {StageRules.Name(customer.Stage)}: offer it a reason to come back."));
        if (DaysToBirthday(customer.Details.Birthday, now) is { } days && days <= BirthdayNoticeDays)
            actions.Add(new("BIRTHDAY_SOON", days == 0 ? "Birthday today: send greetings." : $"Birthday in {days} days: send greetings."));
        if (customer.Stage == LifecycleStage.Maturity)
            actions.Add(new("UPSELL", "A mature customer: offer an upgrade or a complementary product."));
        if (customer.Stage == LifecycleStage.Awareness)
            actions.Add(new("FIRST_PURCHASE", "No purchase yet: make a first offer."));
        if (customer.Orders.Count > 0 && !customer.Surveys.Any(s => s.At > now.AddDays(-FeedbackAfterDays)))
            actions.Add(new("ASK_FEEDBACK", $"No survey answer in {FeedbackAfterDays} days: ask how it is going."));
        return actions;
    }

    /// <summary>Days until the next birthday (0 today); a 29 February birthday falls on 28 February in other years.</summary>
    public static int? DaysToBirthday(DateOnly? birthday, DateTimeOffset now)
    {
        if (birthday is not { } born)
            return null;
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var next = OnYear(born, today.Year);
        if (next < today)
            next = OnYear(born, today.Year + 1);
        return next.DayNumber - today.DayNumber;
    }

    private static DateOnly OnYear(DateOnly born, int year) => new(year, born.Month, Math.Min(born.Day, DateTime.DaysInMonth(year, born.Month)));
}

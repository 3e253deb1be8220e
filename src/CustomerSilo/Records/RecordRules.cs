using System.Globalization;
using Crm.Contracts.Customers;
using Crm.Contracts.Tenants;
using Crm.CustomerSilo.Standardization;

namespace Crm.CustomerSilo.Records;

/// <summary>The checks orders, complaints, surveys and follow-ups pass before they are recorded.</summary>
public static class RecordRules
{
    /// <summary>How far ahead of the silo's clock a client's "at" may be, for clock skew.</summary>
    public static readonly TimeSpan AllowedSkew = TimeSpan.FromMinutes(5);

    private static readonly HashSet<string> Currencies = CultureInfo.GetCultures(CultureTypes.SpecificCultures)
        .Select(c => { try { return new RegionInfo(c.Name).ISOCurrencySymbol; } catch (ArgumentException) { return null; } })
        .OfType<string>()
        .ToHashSet(StringComparer.Ordinal);

    public static DateTimeOffset At(DateTimeOffset? at, DateTimeOffset now)
    {
        if (at is { } given && given > now + AllowedSkew)
            throw new InvalidCustomerException("at", $"{given:u} is in the future; record what has happened, up to now.");
        return at ?? now;
    }

    public static string Currency(string raw) =>
        TryCurrency(raw, out var code) ? code : throw new InvalidCustomerException("currency", CurrencyError(raw));

    /// <summary>The ISO 4217 code <paramref name="raw"/> names, upper-cased, when it names one.</summary>
    public static bool TryCurrency(string? raw, out string code)
    {
        code = (raw ?? "").Trim().ToUpperInvariant();
        return Currencies.Contains(code);
    }

    public static string CurrencyError(string? raw) => $"'{raw}' is not an ISO 4217 currency code like USD or EUR.";

    public static Order Order(string id, NewOrder order, DateTimeOffset now)
    {
        if (order.Amount < 0)
            throw new InvalidCustomerException("amount", $"An order's amount cannot be negative ({order.Amount}); record a refund as a payment status.");
        if (order.Items is < 1)
            throw new InvalidCustomerException("items", $"An order has at least one item, not {order.Items}.");
        return new Order(id, order.Amount, Currency(order.Currency), order.Items ?? 1, order.Channel ?? Channel.Store, At(order.At, now),
            Optional(order.ContractReference), order.PaymentStatus ?? PaymentStatus.Paid, order.DeliveryStatus ?? DeliveryStatus.Delivered);
    }

    public static Complaint Complaint(string id, NewComplaint complaint, ComplaintSla sla, DateTimeOffset now)
    {
        var category = CustomerStandardizer.Collapse(complaint.Category ?? "");
        if (category.Length is 0 or > 100)
            throw new InvalidCustomerException("category", "A complaint needs a category of 1 to 100 characters (\"billing\", \"delivery\").");
        var hours = complaint.Severity switch
        {
            ComplaintSeverity.Critical => sla.CriticalHours,
            ComplaintSeverity.High => sla.HighHours,
            ComplaintSeverity.Medium => sla.MediumHours,
            _ => sla.LowHours,
        };
        return new Complaint(id, category.ToLowerInvariant(), complaint.Severity, ComplaintStatus.Open, Optional(complaint.Description),
            now, now.AddHours(hours), null, null, null);
    }

    public static Complaint Resolve(Complaint complaint, string resolution, string? rootCause, DateTimeOffset now)
    {
        if (complaint.Status == ComplaintStatus.Resolved)
            throw new InvalidCustomerException("complaintId", $"Complaint {complaint.Id} was already resolved at {complaint.ResolvedAt:u}.");
        if (string.IsNullOrWhiteSpace(resolution))
            throw new InvalidCustomerException("resolution", "Say how the complaint was resolved.");
        return complaint with { Status = ComplaintStatus.Resolved, ResolvedAt = now, Resolution = resolution.Trim(), RootCause = Optional(rootCause) };
    }

    public static SurveyResponse Survey(string id, NewSurveyResponse response, DateTimeOffset now)
    {
        if (response.Csat is null && response.Nps is null && string.IsNullOrWhiteSpace(response.Text))
            throw new InvalidCustomerException("csat", "A survey response needs a CSAT score, an NPS score or a text.");
        if (response.Csat is < 1 or > 5)
            throw new InvalidCustomerException("csat", $"CSAT is scored 1 to 5, not {response.Csat}.");
        if (response.Nps is < 0 or > 10)
            throw new InvalidCustomerException("nps", $"NPS is scored 0 to 10, not {response.Nps}.");
        return new SurveyResponse(id, response.Csat, response.Nps, Optional(response.Text), At(response.At, now));
    }

    public static FollowUp FollowUp(string id, NewFollowUp followUp)
    {
        var title = CustomerStandardizer.Collapse(followUp.Title ?? "");
        if (title.Length is 0 or > 200)
            throw new InvalidCustomerException("title", "A follow-up needs a title of 1 to 200 characters.");
        return new FollowUp(id, title, followUp.DueAt, Optional(followUp.AssigneeId), null);
    }

    public static Opportunity Opportunity(string id, NewOpportunity deal, DateTimeOffset now)
    {
        var title = CustomerStandardizer.Collapse(deal.Title ?? "");
        if (title.Length is 0 or > 200)
            throw new InvalidCustomerException("title", "A deal needs a title of 1 to 200 characters.");
        if (deal.Amount < 0)
            throw new InvalidCustomerException("amount", $"A deal's amount cannot be negative ({deal.Amount}).");
        return new Opportunity(id, title, DealStage.Lead, deal.Amount, Currency(deal.Currency), deal.ExpectedCloseOn, Optional(deal.OwnerId), now, null, null);
    }

    /// <summary>A closed deal (WON or LOST) stays closed; any open one may move to any stage.</summary>
    public static Opportunity Move(Opportunity deal, DealStage stage, DateTimeOffset now)
    {
        if (deal.ClosedAt is not null)
            throw new InvalidCustomerException("opportunityId", $"Deal {deal.Id} was closed as {deal.Stage.ToString().ToUpperInvariant()} at {deal.ClosedAt:u}; open a new one.");
        if (deal.Stage == stage)
            throw new InvalidCustomerException("stage", $"Deal {deal.Id} is already {stage.ToString().ToUpperInvariant()}.");
        return deal with { Stage = stage, ClosedAt = stage is DealStage.Won or DealStage.Lost ? now : null };
    }

    private static string? Optional(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}

using Crm.Contracts.Customers;

namespace Crm.GraphQL.Customers;

/// <summary>One touchpoint in a customer's 360° view.</summary>
public sealed record TimelineEntry(string Kind, DateTimeOffset At, string Summary, Channel? Channel, string? RecordId);

/// <summary>
/// The customer's 360° view: every touchpoint in one list, newest first. Interactions that an order, complaint or
/// survey made appear once, as that record.
/// </summary>
public static class Timeline
{
    public static IReadOnlyList<TimelineEntry> Of(CustomerView customer)
    {
        var entries = new List<TimelineEntry>();
        foreach (var touch in customer.RecentInteractions.Where(t => t.RecordId is null))
            entries.Add(new(touch.Kind == InteractionKind.CampaignTouch ? "CAMPAIGN_TOUCH" : "INTERACTION", touch.At,
                $"{Words(touch.Kind)} on {Words(touch.Channel)}" + (touch.Note is null ? "" : $": {touch.Note}"), touch.Channel, null));
        foreach (var order in customer.Orders)
            entries.Add(new("ORDER", order.At, $"Order of {order.Amount} {order.Currency} ({order.Items} items)", order.Channel, order.Id));
        foreach (var complaint in customer.Complaints)
        {
            entries.Add(new("COMPLAINT_OPENED", complaint.OpenedAt, $"{Words(complaint.Severity)} complaint: {complaint.Category}", null, complaint.Id));
            if (complaint.ResolvedAt is { } resolved)
                entries.Add(new("COMPLAINT_RESOLVED", resolved, $"Complaint resolved: {complaint.Resolution}", null, complaint.Id));
        }
        foreach (var survey in customer.Surveys)
            entries.Add(new("SURVEY", survey.At, $"Survey: CSAT {survey.Csat?.ToString() ?? "–"}, NPS {survey.Nps?.ToString() ?? "–"}", null, survey.Id));
        foreach (var change in customer.StageHistory)
            entries.Add(new("STAGE_CHANGE", change.At, $"{Words(change.From)} → {Words(change.To)}: {change.Reason}", null, null));
        foreach (var merge in customer.Merges)
            entries.Add(new("MERGE", merge.At, $"Merged customer {merge.MergedCustomerId}", null, null));
        // Newest first; ties keep the order above, so a record shows before the stage change it caused.
        return [.. entries.Select((e, i) => (e, i)).OrderByDescending(x => x.e.At).ThenBy(x => x.i).Select(x => x.e)];
    }

    private static string Words(Enum? value) => value is null ? "NEW" : GraphEnum.Name(value);
}

using Crm.Contracts.Customers;
using Crm.Contracts.Webhooks;
using Crm.CustomerSilo.Customers;

namespace Crm.CustomerSilo.Webhooks;

/// <summary>What one customer write announces to the tenant's webhooks.</summary>
public static class CustomerEvents
{
    /// <param name="stageBefore">The stage before the write; null for a new customer.</param>
    /// <param name="complaintOpened">Whether the write opened a complaint (the newest one).</param>
    /// <param name="profileChanged">False for bookkeeping writes (re-arming a reminder) that change nothing the tenant sees.</param>
    public static IEnumerable<WebhookEvent> Of(CustomerView view, CustomerState state, LifecycleStage? stageBefore, bool complaintOpened, bool profileChanged, DateTimeOffset now)
    {
        if (stageBefore is null)
            yield return new WebhookEvent(WebhookEvent.NewId(), WebhookEvents.CustomerCreated, now, view.CustomerId, Customer: view);
        else if (profileChanged)
            yield return new WebhookEvent(WebhookEvent.NewId(), WebhookEvents.CustomerChanged, now, view.CustomerId, Customer: view);
        if (stageBefore is not null && state.Stage != stageBefore)
            yield return new WebhookEvent(WebhookEvent.NewId(), WebhookEvents.LifecycleChanged, now, view.CustomerId, StageChange: state.StageHistory[^1]);
        if (complaintOpened)
            yield return new WebhookEvent(WebhookEvent.NewId(), WebhookEvents.ComplaintOpened, now, view.CustomerId, Complaint: state.Complaints[^1]);
    }
}

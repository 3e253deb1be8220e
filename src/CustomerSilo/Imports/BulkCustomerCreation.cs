using Crm.Contracts;
using Crm.Contracts.Analytics;
using Crm.Contracts.Customers;
using Crm.Contracts.Tenants;
using Crm.Contracts.Webhooks;
using Crm.CustomerReadModel;
using Crm.CustomerSilo.Analytics;
using Crm.CustomerSilo.Customers;
using Crm.CustomerSilo.Lifecycle;
using Crm.CustomerSilo.Webhooks;
using Orleans.Storage;
using Orleans.Timers;

namespace Crm.CustomerSilo.Imports;

/// <summary>
/// Creates an import's new customers without a call to, and an activation of, each customer grain: it writes what the
/// grain's CreateAsync writes, in the same order, for the whole batch at once. First each silence reminder, then each
/// state (its customer.created event in the outbox, as the grain keeps it, when a webhook of the tenant wants it)
/// straight into the customer grain's storage, concurrently, so the store commits them together; meanwhile the read
/// model writes the listings in one transaction, which it commits after the states. Then the events to the tenant's
/// webhooks (and the stored outboxes emptied), the live changes and the aggregates' deltas. Storage refuses a state already stored (its
/// ETag check: a row applied before a stop lost its batch's commit), and that customer is left to the grain path.
/// A failure after some states were written fails the batch uncommitted; sent again, those rows take the grain path,
/// whose activation hands their outbox over.
/// </summary>
public sealed class BulkCustomerCreation(IGrainFactory grains, IGrainStorage storage, IReminderRegistry reminders, ICustomerReadModel readModel)
{
    /// <param name="customers">Ids and standardized details of customers to create.</param>
    /// <returns>For each customer, whether this call created it (false: its state was already stored).</returns>
    public async Task<bool[]> CreateAsync(string tenantId, IReadOnlyList<(string CustomerId, CustomerDetails Standardized)> customers, TenantSettings settings, DateTimeOffset now)
    {
        var webhooks = grains.GetGrain<ITenantWebhooksGrain>(tenantId);
        // Without a subscriber the webhooks grain would drop the events (as it drops a customer's at its handover):
        // they are not made, and each state is written once instead of twice.
        var announce = (await webhooks.ListAsync()).Any(w => w.Events.Contains(WebhookEvents.CustomerCreated));
        var prepared = customers.Select(c => Prepare(tenantId, c.CustomerId, c.Standardized, settings, now, announce)).ToList();
        // The read model writes the listings while the customers are stored, and commits them only after: a listed
        // customer is always stored. A customer stored before gets its listing again, older than or equal to its own.
        var stored = StoreAsync(prepared);
        await Task.WhenAll(stored, readModel.UpsertManyAsync([.. prepared.Select(p => CustomerListings.From(p.View))], commitAfter: stored));
        var written = await stored;
        var created = prepared.Where((_, i) => written[i]).ToList();
        if (created.Count == 0)
            return written;

        if (announce)
        {
            await webhooks.AcceptAsync([.. created.SelectMany(p => p.State.Outbox)]);
            // The webhooks grain has the events durably: the stored outboxes are emptied, or each customer's first
            // activation (its silence reminder, 90 days on) would offer its customer.created again, long after the
            // webhooks grain's memory of recent event ids has let it go.
            await Task.WhenAll(created.Select(EmptyOutboxAsync));
        }
        var feed = grains.GetGrain<ICustomerFeedGrain>(tenantId);
        var analytics = grains.GetGrain<ITenantAnalyticsGrain>(tenantId);
        await Task.WhenAll(created.Select(p => feed.PublishAsync(new CustomerChange(CustomerChange.Created, tenantId, p.CustomerId, p.View))));
        await Task.WhenAll(created.Select(p => analytics.RecordAsync(p.Delta)));
        return written;
    }

    /// <summary>Each silence reminder, then each state; for each customer, whether its state was stored now.</summary>
    private async Task<bool[]> StoreAsync(List<Prepared> prepared)
    {
        await Task.WhenAll(prepared.Where(p => p.State.SilenceCheckAt is not null)
            .Select(p => reminders.RegisterOrUpdateReminder(p.GrainId, SilenceReminders.Name, p.SilenceWait, SilenceReminders.Retry)));
        return await Task.WhenAll(prepared.Select(WriteAsync));
    }

    /// <summary>The state, reminder, view and delta of one new customer, as the grain's CreateAsync makes them.</summary>
    private Prepared Prepare(string tenantId, string customerId, CustomerDetails standardized, TenantSettings settings, DateTimeOffset now, bool announce)
    {
        var state = NewCustomers.Initial(standardized, now);
        state.UpdatedAt = now;
        state.Version = 1;
        var delta = ChangeRecorder.Begin(null, settings).Finish(state, settings, now);
        // The state records the reminder as armed; it is written only after the reminder is.
        var arming = SilenceReminders.Arming(state, settings, now);
        state.SilenceCheckAt = arming?.Due;
        var view = CustomerViews.From(tenantId, customerId, state, settings, now);
        if (announce)
            state.Outbox.AddRange(CustomerEvents.Of(view, state, stageBefore: null, complaintOpened: false, profileChanged: true, now));
        var grainId = grains.GetGrain<ICustomerGrain>(TenantKey.For(tenantId, customerId)).GetGrainId();
        return new Prepared(customerId, grainId, state, arming?.Wait ?? TimeSpan.Zero, view, delta);
    }

    private async Task<bool> WriteAsync(Prepared customer)
    {
        try
        {
            // No ETag: the write stores a new row or is refused.
            await storage.WriteStateAsync(CustomerGrain.ProfileState, customer.GrainId, customer.Stored);
            return true;
        }
        catch (InconsistentStateException)
        {
            return false;
        }
    }

    private async Task EmptyOutboxAsync(Prepared customer)
    {
        customer.State.Outbox.Clear();
        try
        {
            await storage.WriteStateAsync(CustomerGrain.ProfileState, customer.GrainId, customer.Stored);
        }
        catch (InconsistentStateException)
        {
            // The customer changed since (a caller found it in the list): its own write and handover took over.
        }
    }

    private sealed record Prepared(string CustomerId, GrainId GrainId, CustomerState State, TimeSpan SilenceWait, CustomerView View, CustomerDelta Delta)
    {
        /// <summary>The state as stored, with the ETag of its last write.</summary>
        public GrainState<CustomerState> Stored { get; } = new(State);
    }
}

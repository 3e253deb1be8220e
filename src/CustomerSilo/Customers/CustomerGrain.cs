using Crm.Contracts;
using Crm.Contracts.Analytics;
using Crm.Contracts.Customers;
using Crm.Contracts.Tenants;
using Crm.Contracts.Webhooks;
using Crm.CustomerReadModel;
using Crm.CustomerSilo.Analytics;
using Crm.CustomerSilo.Lifecycle;
using Crm.CustomerSilo.Records;
using Crm.CustomerSilo.Standardization;
using Crm.CustomerSilo.Tenants.Archive;
using Crm.CustomerSilo.Webhooks;

namespace Crm.CustomerSilo.Customers;

/// <summary>
/// One customer of one tenant; its key is "{tenantId}/{customerId}". Every change is checked first, then applied
/// to the state, then written; it answers only after the write. A failed write deactivates the grain, so the next
/// call starts again from what is durable. The webhook events a change makes go into the state's outbox in the same
/// write, and are handed to the tenant's webhooks grain after it.
/// </summary>
public sealed class CustomerGrain(
    [PersistentState(CustomerGrain.ProfileState)] IPersistentState<CustomerState> profile,
    ICustomerReadModel readModel,
    TimeProvider time,
    ILogger<CustomerGrain> logger) : Grain, ICustomerGrain, ICustomerMergeSource, IArchivedCustomer, IRemindable
{
    /// <summary>The name of the customer's state in the default grain storage, which an import's bulk creation writes too.</summary>
    public const string ProfileState = "profile";

    private static readonly TimeSpan ListingRetry = TimeSpan.FromSeconds(1);

    /// <summary>How often events the webhooks grain did not take are offered again.</summary>
    private static readonly TimeSpan HandoverRetry = TimeSpan.FromSeconds(5);

    /// <summary>Runs the handover of the outbox as a turn of its own after a write; null while the outbox is empty.</summary>
    private IGrainTimer? _handover;

    /// <summary>Ids of the events of the write in flight: they are not handed over before that write is durable.</summary>
    private readonly HashSet<string> _unwritten = [];

    /// <summary>What the change being made does to the tenant's aggregates.</summary>
    private ChangeRecorder _change = new();

    /// <summary>Set while the read model misses this customer's latest write (its store failed); a timer retries.</summary>
    private IGrainTimer? _listingRetry;

    /// <summary>The reminder that moves a silent customer to DECLINE and then CHURNED.</summary>
    public const string SilenceReminder = SilenceReminders.Name;

    private (string TenantId, string CustomerId)? _key;

    // The key is parsed once an activation, not on every use.
    private string TenantId => (_key ??= TenantKey.Parse(this.GetPrimaryKeyString())).TenantId;
    private string CustomerId => (_key ??= TenantKey.Parse(this.GetPrimaryKeyString())).CustomerId;
    private CustomerState State => profile.State;

    public async Task<CustomerView> CreateAsync(CustomerDetails details)
    {
        if (profile.RecordExists)
            throw new CustomerAlreadyExistsException($"Customer '{this.GetPrimaryKeyString()}' already exists.");
        var settings = await SettingsAsync();
        var now = time.GetUtcNow();
        var standardized = new CustomerStandardizer(settings, time).Standardize(details);
        _change = ChangeRecorder.Begin(null, settings);
        profile.State = NewCustomers.Initial(standardized, now);
        return await SaveAsync(settings, now, CustomerChange.Created);
    }

    public async Task<CustomerView?> GetAsync() => profile.RecordExists ? await ViewAsync() : null;

    public Task<CustomerView> UpdateAsync(CustomerPatch patch) => ChangeAsync((settings, now) =>
    {
        var details = new CustomerStandardizer(settings, time).Apply(State.Details, patch);
        return () => State.Details = details;
    });

    public Task<CustomerView> RecordInteractionAsync(NewInteraction interaction) => ChangeAsync((settings, now) =>
    {
        var touch = new Interaction(interaction.Channel, interaction.Kind, RecordRules.At(interaction.At, now), Trimmed(interaction.Note), null);
        return () =>
        {
            State.Tally.Add(touch, now);
            if (touch.Kind == InteractionKind.Purchase)
                Move(StageRules.AfterPurchase(State, settings, now));
        };
    });

    public Task<CustomerView> RecordOrderAsync(NewOrder order) => ChangeAsync((settings, now) =>
    {
        var recorded = RecordRules.Order(State.PeekRecordId('o'), order, now);
        return () => AddOrder(recorded, settings, now);
    });

    public Task<CustomerView> OpenComplaintAsync(NewComplaint complaint) => ChangeAsync((settings, now) =>
    {
        var opened = RecordRules.Complaint(State.PeekRecordId('c'), complaint, settings.Sla, now);
        return () =>
        {
            State.TakeRecordId();
            State.Complaints.Add(opened);
            _change.ComplaintsOpened = 1;
            State.Tally.Add(new Interaction(complaint.Channel ?? Channel.Web, InteractionKind.Complaint, now, null, opened.Id), now);
        };
    });

    public Task<CustomerView> ResolveComplaintAsync(string complaintId, string resolution, string? rootCause) => ChangeAsync((settings, now) =>
    {
        var at = State.Complaints.FindIndex(c => c.Id == complaintId);
        if (at < 0)
            throw new InvalidCustomerException("complaintId", $"The customer has no complaint '{complaintId}'.");
        var resolved = RecordRules.Resolve(State.Complaints[at], resolution, rootCause, now);
        return () => State.Complaints[at] = resolved;
    });

    public Task<CustomerView> RecordSurveyResponseAsync(NewSurveyResponse response) => ChangeAsync((settings, now) =>
    {
        var survey = RecordRules.Survey(State.PeekRecordId('s'), response, now);
        return () =>
        {
            State.TakeRecordId();
            State.Surveys.Add(survey);
            (_change.Csat, _change.Nps) = (survey.Csat, survey.Nps);
            State.Tally.Add(new Interaction(Channel.Web, InteractionKind.Feedback, survey.At, null, survey.Id), now);
        };
    });

    public Task<CustomerView> AddFollowUpAsync(NewFollowUp followUp) => ChangeAsync((settings, now) =>
    {
        var task = RecordRules.FollowUp(State.PeekRecordId('f'), followUp);
        return () =>
        {
            State.TakeRecordId();
            State.FollowUps.Add(task);
        };
    });

    public Task<CustomerView> CompleteFollowUpAsync(string followUpId) => ChangeAsync((settings, now) =>
    {
        var at = State.FollowUps.FindIndex(f => f.Id == followUpId);
        if (at < 0)
            throw new InvalidCustomerException("followUpId", $"The customer has no follow-up '{followUpId}'.");
        if (State.FollowUps[at].CompletedAt is not null)
            throw new InvalidCustomerException("followUpId", $"Follow-up '{followUpId}' is already done.");
        return () => State.FollowUps[at] = State.FollowUps[at] with { CompletedAt = now };
    });

    public Task<CustomerView> OpenOpportunityAsync(NewOpportunity opportunity) => ChangeAsync((settings, now) =>
    {
        var deal = RecordRules.Opportunity(State.PeekRecordId('d'), opportunity, now);
        return () =>
        {
            State.TakeRecordId();
            State.Opportunities.Add(deal);
        };
    });

    public Task<CustomerView> MoveOpportunityAsync(string opportunityId, DealStage stage) => ChangeAsync((settings, now) =>
    {
        var at = State.Opportunities.FindIndex(o => o.Id == opportunityId);
        if (at < 0)
            throw new InvalidCustomerException("opportunityId", $"The customer has no deal '{opportunityId}'.");
        var moved = RecordRules.Move(State.Opportunities[at], stage, now);
        if (stage != DealStage.Won)
            return () => State.Opportunities[at] = moved;
        // A won deal is a sale: its order counts as a purchase and moves the lifecycle like any other.
        var order = RecordRules.Order(State.PeekRecordId('o'), new NewOrder(moved.Amount, moved.Currency, ContractReference: moved.Id), now);
        return () =>
        {
            State.Opportunities[at] = moved with { OrderId = order.Id };
            AddOrder(order, settings, now);
        };
    });

    /// <summary>Records an order: it is also a PURCHASE interaction on its channel, and it drives the lifecycle.</summary>
    private void AddOrder(Order order, TenantSettings settings, DateTimeOffset now)
    {
        State.TakeRecordId();
        State.Orders.Add(order);
        State.Tally.Add(new Interaction(order.Channel, InteractionKind.Purchase, order.At, null, order.Id), now);
        _change.Orders = 1;
        _change.Revenue = order.Currency == settings.Currency ? order.Amount : 0;
        Move(StageRules.AfterPurchase(State, settings, now));
    }

    public Task<CustomerView> ChangeStageAsync(LifecycleStage stage, string reason, string by) => ChangeAsync((settings, now) =>
    {
        var change = StageRules.Manual(State, stage, reason, by, now);
        return () => Move(change);
    });

    public async Task<CustomerView> MergeAsync(string otherCustomerId, string by)
    {
        RequireExists();
        if (otherCustomerId == CustomerId)
            throw new InvalidCustomerException("otherId", "A customer cannot be merged into itself.");
        var otherKey = TenantKey.For(TenantId, otherCustomerId);
        // A merge sent again after it was applied finds the other customer gone, or not yet: it finishes the merge.
        if (IsRepeatedChange())
        {
            await GrainFactory.GetGrain<ICustomerGrain>(otherKey).DeleteAsync();
            return await ViewAsync();
        }
        var other = await GrainFactory.GetGrain<ICustomerMergeSource>(otherKey).ExportAsync()
            ?? throw new InvalidCustomerException("otherId", $"There is no customer '{otherCustomerId}' to merge.");
        var view = await ChangeAsync((settings, now) => () => CustomerMerge.Absorb(State, other, otherCustomerId, by, now));
        // The survivor is durable with everything the other had; only now does the other go. A failure here leaves
        // both, never neither: the merge can simply be run again.
        await GrainFactory.GetGrain<ICustomerGrain>(otherKey).DeleteAsync();
        return view;
    }

    public async Task<bool> DeleteAsync()
    {
        if (!profile.RecordExists)
        {
            // Nothing to delete: the activation, made only by this call, need not stay.
            DeactivateOnIdle();
            return false;
        }
        // Events still in the outbox are handed over first: erasing them would lose them. If the webhooks grain
        // cannot take them, the delete fails and can be run again.
        await HandOverAsync();
        var settings = await SettingsAsync();
        var delta = ChangeRecorder.Begin(State, settings).Finish(null, settings, time.GetUtcNow());
        await profile.ClearStateAsync();
        if (await this.GetReminder(SilenceReminder) is { } reminder)
            await this.UnregisterReminder(reminder);
        _listingRetry?.Dispose();
        await readModel.DeleteAsync(TenantId, CustomerId);
        await PublishAsync(new CustomerChange(CustomerChange.Deleted, TenantId, CustomerId, null));
        await Analytics.RecordAsync(delta);
        DeactivateOnIdle();
        return true;
    }

    public Task<CustomerState?> ExportAsync() => Task.FromResult(profile.RecordExists ? State : null);

    public Task<CustomerState?> ExportStateAsync() => ExportAsync();

    /// <summary>
    /// The customer as archived, in this cell: its reminder is this cell's to arm (the archive's was the old cell's),
    /// and the read model gets its row. The tenant's analytics are not told: they are not part of an archive yet.
    /// </summary>
    public async Task RestoreStateAsync(CustomerState state)
    {
        var settings = await SettingsAsync();
        var now = time.GetUtcNow();
        profile.State = state;
        State.SilenceCheckAt = null;
        try
        {
            await ArmSilenceReminderAsync(settings, now);
            await profile.WriteStateAsync();
        }
        catch
        {
            DeactivateOnIdle();
            throw;
        }
        await UpdateListingAsync(CustomerViews.From(TenantId, CustomerId, State, settings, now));
    }

    public async Task EraseStateAsync() => await DeleteAsync();

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName != SilenceReminder)
            return;
        if (profile.RecordExists)
        {
            var settings = await SettingsAsync();
            var now = time.GetUtcNow();
            _change = ChangeRecorder.Begin(State, settings);
            var moved = StageRules.AfterSilence(State, settings.Lifecycle, now);
            Move(moved);
            State.SilenceCheckAt = null;
            await SaveAsync(settings, now, CustomerChange.Updated, armSilence: false, profileChanged: moved is not null);
        }
        // Changing this reminder while its own tick is being delivered never completes, so the re-arming runs as
        // a turn of its own once this tick has finished.
        this.RegisterGrainTimer(RearmSilenceReminderAsync, new GrainTimerCreationOptions(TimeSpan.Zero, Timeout.InfiniteTimeSpan) { KeepAlive = true });
    }

    /// <summary>
    /// After a silence check: interactions since the reminder was set pushed the next check later, so the reminder
    /// is set again from the last interaction, or retired once silence can move the customer no further (or the
    /// customer is gone).
    /// </summary>
    private async Task RearmSilenceReminderAsync(CancellationToken cancellationToken)
    {
        var settings = await SettingsAsync();
        if (!profile.RecordExists || StageRules.NextSilenceCheck(State, settings.Lifecycle) is null)
        {
            if (await this.GetReminder(SilenceReminder) is { } done)
                await this.UnregisterReminder(done);
            return;
        }
        _change = ChangeRecorder.Begin(State, settings);
        await SaveAsync(settings, time.GetUtcNow(), CustomerChange.Updated, profileChanged: false);
    }

    private async Task<CustomerView> ChangeAsync(Func<TenantSettings, DateTimeOffset, Action> check)
    {
        RequireExists();
        var settings = await SettingsAsync();
        var now = time.GetUtcNow();
        // A change sent again after it was applied (its answer lost with a silo) answers the customer as it is.
        if (IsRepeatedChange())
            return CustomerViews.From(TenantId, CustomerId, State, settings, now);
        // Everything that can refuse the call runs before the state changes; the returned action cannot fail.
        var apply = check(settings, now);
        _change = ChangeRecorder.Begin(State, settings);
        apply();
        if (RequestContext.Get(ChangeRequests.Key) is string applied)
        {
            // Written with the change, so a retry after a crash that followed the write finds it too.
            State.AppliedChanges.Add(applied);
            if (State.AppliedChanges.Count > ChangeRequests.Remembered)
                State.AppliedChanges.RemoveAt(0);
        }
        return await SaveAsync(settings, now, CustomerChange.Updated);
    }

    /// <summary>The stored customer as callers see it now.</summary>
    private async Task<CustomerView> ViewAsync() => CustomerViews.From(TenantId, CustomerId, State, await SettingsAsync(), time.GetUtcNow());

    /// <summary>Whether this call carries the id of a change this customer has applied (<see cref="ChangeRequests"/>).</summary>
    private bool IsRepeatedChange() => RequestContext.Get(ChangeRequests.Key) is string request && State.AppliedChanges.Contains(request);

    /// <param name="profileChanged">False for a bookkeeping write, which announces no customer.changed.</param>
    private async Task<CustomerView> SaveAsync(TenantSettings settings, DateTimeOffset now, string change, bool armSilence = true, bool profileChanged = true)
    {
        State.UpdatedAt = now;
        State.Version++;
        var delta = _change.Finish(State, settings, now);
        try
        {
            if (armSilence)
                await ArmSilenceReminderAsync(settings, now);
            var announced = CustomerViews.From(TenantId, CustomerId, State, settings, now);
            foreach (var e in CustomerEvents.Of(announced, State, delta.StageBefore, _change.ComplaintsOpened > 0, profileChanged, now))
            {
                State.Outbox.Add(e);
                _unwritten.Add(e.Id);
            }
            await profile.WriteStateAsync();
            _unwritten.Clear();
        }
        catch
        {
            // The state in memory is ahead of the store: drop it, so the next call reads what is durable. The events
            // of the failed write leave the outbox at once, so a handover cannot announce them.
            State.Outbox.RemoveAll(e => _unwritten.Contains(e.Id));
            _unwritten.Clear();
            DeactivateOnIdle();
            throw;
        }
        HandOverSoon();
        var view = CustomerViews.From(TenantId, CustomerId, State, settings, now);
        await UpdateListingAsync(view);
        await PublishAsync(new CustomerChange(change, TenantId, CustomerId, view));
        if (ChangeRecorder.Matters(delta))
            await Analytics.RecordAsync(delta);
        return view;
    }

    /// <summary>
    /// The read model follows the write before the caller hears back, so the caller's next list or search sees it.
    /// The customer is already durable, so a failing read model does not fail the call: a timer brings the row up to
    /// date as soon as the store answers again.
    /// </summary>
    private async Task UpdateListingAsync(CustomerView view)
    {
        try
        {
            await readModel.UpsertAsync(CustomerListings.From(view));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning(e, "The read model missed the write of customer {Customer}; retrying every {Retry}.", this.GetPrimaryKeyString(), ListingRetry);
            _listingRetry ??= this.RegisterGrainTimer(RetryListingAsync, new GrainTimerCreationOptions(ListingRetry, ListingRetry) { KeepAlive = true });
        }
    }

    private async Task RetryListingAsync(CancellationToken cancellationToken)
    {
        if (profile.RecordExists)
            await readModel.UpsertAsync(CustomerListings.From(await ViewAsync()), cancellationToken);
        _listingRetry?.Dispose();
        _listingRetry = null;
    }

    /// <summary>Sets the customer's silence reminder (see <see cref="SilenceReminders"/>) when the armed one no longer serves.</summary>
    private async Task ArmSilenceReminderAsync(TenantSettings settings, DateTimeOffset now)
    {
        if (SilenceReminders.Arming(State, settings, now) is not { } arming)
            return;
        await this.RegisterOrUpdateReminder(SilenceReminder, arming.Wait, SilenceReminders.Retry);
        State.SilenceCheckAt = arming.Due;
    }

    private void Move(StageChange? change)
    {
        if (change is not null)
            StageRules.Apply(State, change);
    }

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // Events written but not acknowledged before the last activation ended (a crash, a failed handover) go now.
        if (profile.RecordExists && State.Outbox.Count > 0)
            HandOverSoon();
        return Task.CompletedTask;
    }

    /// <summary>
    /// Hands the outbox over on a timer of its own, so the caller of a write does not wait on webhooks; a failed
    /// handover tries again every <see cref="HandoverRetry"/>. The timer interleaves with the customer's calls: while
    /// the webhooks grain is busy delivering, the customer's next writes go ahead rather than queue behind it.
    /// </summary>
    private void HandOverSoon()
    {
        if (State.Outbox.Count == 0)
            return;
        if (_handover is null)
            _handover = this.RegisterGrainTimer(HandOverOnTimerAsync, new GrainTimerCreationOptions(TimeSpan.Zero, HandoverRetry) { KeepAlive = true, Interleave = true });
        else
            _handover.Change(TimeSpan.Zero, HandoverRetry);
    }

    /// <summary>
    /// Once the webhooks grain has the events durably, they leave the outbox in memory; the store sees them gone
    /// with the next write. Until then a new activation offers them again, and the webhooks grain, which remembers
    /// the ids it took, ignores the repeat.
    /// </summary>
    private async Task HandOverOnTimerAsync(CancellationToken cancellationToken)
    {
        try
        {
            await HandOverAsync();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning(e, "The webhooks grain did not take {Count} events of customer {Customer}; trying again every {Retry}.",
                State.Outbox.Count, this.GetPrimaryKeyString(), HandoverRetry);
        }
    }

    private async Task HandOverAsync()
    {
        var batch = State.Outbox.Where(e => !_unwritten.Contains(e.Id)).ToList();
        if (batch.Count > 0)
        {
            await GrainFactory.GetGrain<ITenantWebhooksGrain>(TenantId).AcceptAsync(batch);
            var taken = batch.Select(e => e.Id).ToHashSet();
            State.Outbox.RemoveAll(e => taken.Contains(e.Id));
        }
        if (State.Outbox.Count == 0)
        {
            _handover?.Dispose();
            _handover = null;
        }
    }

    private Task PublishAsync(CustomerChange change) =>
        // One way, after the write: the change is durable whether or not live subscribers hear of it.
        GrainFactory.GetGrain<ICustomerFeedGrain>(TenantId).PublishAsync(change);

    private ITenantAnalyticsGrain Analytics => GrainFactory.GetGrain<ITenantAnalyticsGrain>(TenantId);

    private Task<TenantSettings> SettingsAsync() => GrainFactory.GetGrain<ITenantGrain>(TenantId).GetSettingsAsync();

    private void RequireExists()
    {
        if (!profile.RecordExists)
            throw new CustomerNotFoundException($"There is no customer '{CustomerId}'.");
    }

    private static string? Trimmed(string? note) =>
        note?.Trim() is { Length: > 0 } trimmed ? trimmed[..Math.Min(trimmed.Length, CustomerStandardizer.MaxTextLength)] : null;
}

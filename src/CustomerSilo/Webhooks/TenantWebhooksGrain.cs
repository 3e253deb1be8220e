using Crm.Contracts.Webhooks;
using Crm.CustomerSilo.Tenants.Archive;
using Crm.CustomerSilo.Tenants.Erasure;
using Crm.Webhooks.Delivery;
using Crm.Webhooks.Signing;
using Crm.Webhooks.Targets;
using Microsoft.Extensions.Options;

namespace Crm.CustomerSilo.Webhooks;

/// <summary>
/// A tenant's webhooks and their durable queues. Each webhook's queue is delivered head first, so a receiver gets
/// its events in order; a failed head waits out its backoff (<see cref="WebhookDeliveryOptions"/>) and blocks the
/// events behind it. A grain timer wakes the grain when the next event falls due; while anything is queued a
/// reminder also wakes it (each minute by default), so a silo restart resumes the deliveries within a minute. Not
/// reentrant: a delivery turn runs the sends of all webhooks side by side, and nothing else changes the state
/// meanwhile (customers hand their events over from timers that do not hold them up while this grain is busy).
/// </summary>
public sealed class TenantWebhooksGrain(
    [PersistentState("webhooks")] IPersistentState<TenantWebhooksState> webhooks,
    WebhookSender sender,
    IOptions<WebhookDeliveryOptions> options,
    TimeProvider time,
    ILogger<TenantWebhooksGrain> logger) : Grain, ITenantWebhooksGrain, IRemindable, IArchivedWebhooks
{
    public const string WakeReminder = "webhooks-wake";

    /// <summary>How long one delivery turn may keep sending before it lets other calls in (a send in flight may add its own timeout).</summary>
    private static readonly TimeSpan TurnBudget = TimeSpan.FromSeconds(5);

    private const int RecentEventIdLimit = 5_000;

    private readonly WebhookDeliveryOptions _options = options.Value;
    private HashSet<string> _recent = [];
    private IGrainTimer? _timer;
    private bool _reminderSet;

    /// <summary>Set when a write failed: the state in memory may hold what the store does not, so it is read again before use.</summary>
    private bool _stale;

    private TenantWebhooksState State => webhooks.State;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _recent = [.. State.RecentEventIds];
        _reminderSet = await this.GetReminder(WakeReminder) is not null;
        await ScheduleAsync();
    }

    public async Task<CreatedWebhook> CreateAsync(string url, IReadOnlyList<string> events)
    {
        await FreshAsync();
        var (target, error) = WebhookTargets.Check(url, _options.AllowPrivateTargets);
        if (target is null)
            throw new InvalidWebhookException("url", error!);
        if (events.Count == 0 || events.Any(e => !WebhookEvents.All.Contains(e)))
            throw new InvalidWebhookException("events", $"Name at least one event, each one of: {string.Join(", ", WebhookEvents.All)}.");
        if (State.Subscriptions.Count >= _options.MaxWebhooksPerTenant)
            throw new InvalidWebhookException("url", $"A tenant may have at most {_options.MaxWebhooksPerTenant} webhooks; delete one first.");
        var subscription = new WebhookSubscription
        {
            Id = "wh_" + Guid.NewGuid().ToString("N")[..16],
            Url = target.AbsoluteUri,
            Events = [.. events.Distinct()],
            Secret = WebhookSignature.NewSecret(),
            CreatedAt = time.GetUtcNow(),
        };
        State.Subscriptions.Add(subscription);
        await WriteAsync();
        return new CreatedWebhook(subscription.View(), subscription.Secret);
    }

    public Task<IReadOnlyList<Webhook>> ListAsync() =>
        Task.FromResult<IReadOnlyList<Webhook>>([.. State.Subscriptions.Select(s => s.View())]);

    public async Task<bool> DeleteAsync(string webhookId)
    {
        await FreshAsync();
        if (State.Subscriptions.RemoveAll(s => s.Id == webhookId) == 0)
            return false;
        await WriteAsync();
        await ScheduleAsync();
        return true;
    }

    public Task<IReadOnlyList<WebhookDelivery>?> DeliveriesAsync(string webhookId, int first) =>
        Task.FromResult<IReadOnlyList<WebhookDelivery>?>(Find(webhookId) is { } s
            ? [.. Enumerable.Reverse(s.Log).Take(Math.Clamp(first, 0, _options.LogSize))]
            : null);

    public async Task AcceptAsync(IReadOnlyList<WebhookEvent> events)
    {
        await FreshAsync();
        var tenantId = this.GetPrimaryKeyString();
        var queued = false;
        foreach (var e in events)
        {
            var subscribers = State.Subscriptions.Where(s => s.Events.Contains(e.Type)).ToList();
            // With nobody subscribed the event is dropped here, without a write: the customer's hot path stays a
            // single write whether or not the tenant uses webhooks.
            if (subscribers.Count == 0 || !_recent.Add(e.Id))
                continue;
            State.RecentEventIds.Add(e.Id);
            var body = WebhookBodies.For(tenantId, e);
            foreach (var s in subscribers)
                Enqueue(s, new PendingDelivery(e.Id, e.Type, body, 0, e.OccurredAt));
            queued = true;
        }
        if (!queued)
            return;
        if (State.RecentEventIds.Count > RecentEventIdLimit)
        {
            var forget = State.RecentEventIds.Count - RecentEventIdLimit;
            _recent.ExceptWith(State.RecentEventIds.Take(forget));
            State.RecentEventIds.RemoveRange(0, forget);
        }
        await WriteAsync();
        await ScheduleAsync();
    }

    // What is in memory is the truth once read again after a failed write.
    public async Task<TenantWebhooksState?> ExportStateAsync()
    {
        await FreshAsync();
        return State.Subscriptions.Count > 0 ? State : null;
    }

    /// <summary>The webhooks arrive with their queues and signing secrets; delivery resumes in this cell.</summary>
    public async Task RestoreStateAsync(TenantWebhooksState state)
    {
        await webhooks.RestoreAsync(state);
        _recent = [.. State.RecentEventIds];
        _stale = false;
        await ScheduleAsync();
    }

    public Task EraseStateAsync() => EraseAsync();

    /// <summary>The tenant's webhooks, their queues and logs go, and so does the reminder that wakes the grain.</summary>
    public async Task<int> EraseAsync()
    {
        if (await this.GetReminder(WakeReminder) is { } reminder)
            await this.UnregisterReminder(reminder);
        _reminderSet = false;
        return await this.EraseAsync(webhooks, webhooks.State.Subscriptions.Count);
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName != WakeReminder)
            return;
        await DeliverDueAsync(CancellationToken.None);
        // The reminder is retired by a tick that finds nothing queued, not as soon as a queue empties: a steady trickle
        // of events then costs two reminder writes a minute at most, not two an event. Changing a reminder while its
        // own tick is being delivered never completes, so the retiring runs as a turn of its own after this one.
        if (!AnyQueued)
            this.RegisterGrainTimer(RetireReminderAsync, new GrainTimerCreationOptions(TimeSpan.Zero, Timeout.InfiniteTimeSpan) { KeepAlive = true });
    }

    private async Task RetireReminderAsync(CancellationToken cancellationToken)
    {
        if (AnyQueued || await this.GetReminder(WakeReminder) is not { } reminder)
            return;
        await this.UnregisterReminder(reminder);
        _reminderSet = false;
    }

    private bool AnyQueued => State.Subscriptions.Any(s => s.Queue.Count > 0);

    private void Enqueue(WebhookSubscription s, PendingDelivery delivery)
    {
        s.Queue.Add(delivery);
        if (s.Queue.Count <= _options.MaxPending)
            return;
        var dropped = s.Queue[0];
        s.Queue.RemoveAt(0);
        Log(s, new WebhookDelivery(dropped.EventId, dropped.EventType, dropped.Attempts, time.GetUtcNow(), null, TimeSpan.Zero,
            $"More than {_options.MaxPending} events were waiting; the oldest was dropped.", WebhookDeliveryOutcome.DeadLettered));
        s.DeadLettered++;
    }

    private async Task DeliverDueAsync(CancellationToken cancellationToken)
    {
        await FreshAsync();
        var until = time.GetUtcNow() + TurnBudget;
        var sent = await Task.WhenAll(State.Subscriptions.ToList().Select(s => DeliverAsync(s, until, cancellationToken)));
        if (sent.Any(any => any))
            await WriteAsync();
        await ScheduleAsync();
    }

    /// <summary>Sends the webhook's due events head first until one fails or the turn's time is up; true when any was tried.</summary>
    private async Task<bool> DeliverAsync(WebhookSubscription s, DateTimeOffset until, CancellationToken cancellationToken)
    {
        var tried = false;
        var url = new Uri(s.Url);
        while (s.Queue.Count > 0 && s.Queue[0].DueAt <= time.GetUtcNow() && time.GetUtcNow() < until)
        {
            var head = s.Queue[0];
            var started = time.GetUtcNow();
            var outcome = await sender.SendAsync(new WebhookMessage(url, s.Secret, head.EventId, head.EventType, head.Body), cancellationToken);
            tried = true;
            var attempt = head.Attempts + 1;
            if (!State.Subscriptions.Contains(s))
                return tried; // deleted while the send was in flight
            if (outcome.Delivered)
            {
                s.Queue.RemoveAt(0);
                s.Delivered++;
                Log(s, Entry(head, attempt, started, outcome, WebhookDeliveryOutcome.Delivered));
                continue;
            }
            if (attempt >= _options.MaxAttempts)
            {
                s.Queue.RemoveAt(0);
                s.DeadLettered++;
                Log(s, Entry(head, attempt, started, outcome, WebhookDeliveryOutcome.DeadLettered));
                logger.LogWarning("Webhook {Webhook} of tenant {Tenant} gave up on event {Event} after {Attempts} attempts: {Error}",
                    s.Id, this.GetPrimaryKeyString(), head.EventId, attempt, outcome.Error);
                continue;
            }
            s.Queue[0] = head with { Attempts = attempt, DueAt = time.GetUtcNow() + _options.WaitAfter(attempt) };
            Log(s, Entry(head, attempt, started, outcome, WebhookDeliveryOutcome.Failed));
            break;
        }
        return tried;
    }

    private static WebhookDelivery Entry(PendingDelivery head, int attempt, DateTimeOffset at, WebhookOutcome outcome, WebhookDeliveryOutcome result) =>
        new(head.EventId, head.EventType, attempt, at, outcome.StatusCode, outcome.Duration, outcome.Error, result);

    private void Log(WebhookSubscription s, WebhookDelivery entry)
    {
        s.Log.Add(entry);
        if (s.Log.Count > _options.LogSize)
            s.Log.RemoveRange(0, s.Log.Count - _options.LogSize);
    }

    /// <summary>Arms the timer for the earliest due head, and the wake-up reminder whenever anything is queued.</summary>
    private async Task ScheduleAsync()
    {
        var due = State.Subscriptions.Where(s => s.Queue.Count > 0).Select(s => (DateTimeOffset?)s.Queue[0].DueAt).Min();
        if (due is null)
        {
            _timer?.Dispose();
            _timer = null;
            return;
        }
        var wait = due.Value - time.GetUtcNow();
        wait = wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
        if (_timer is null)
            _timer = this.RegisterGrainTimer(DeliverDueAsync, new GrainTimerCreationOptions(wait, Timeout.InfiniteTimeSpan) { KeepAlive = true });
        else
            _timer.Change(wait, Timeout.InfiniteTimeSpan);
        if (!_reminderSet)
        {
            await this.RegisterOrUpdateReminder(WakeReminder, _options.WakeEvery, _options.WakeEvery);
            _reminderSet = true;
        }
    }

    private WebhookSubscription? Find(string webhookId) => State.Subscriptions.Find(s => s.Id == webhookId);

    private async Task WriteAsync()
    {
        try
        {
            await webhooks.WriteStateAsync();
        }
        catch
        {
            // The state in memory is ahead of the store: a caller told of the failure sends again, and must not find
            // its events taken; the next call reads what is durable.
            _stale = true;
            DeactivateOnIdle();
            throw;
        }
    }

    private async Task FreshAsync()
    {
        if (!_stale)
            return;
        await webhooks.ReadStateAsync();
        _recent = [.. State.RecentEventIds];
        _stale = false;
    }
}

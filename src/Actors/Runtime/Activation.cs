using System.Diagnostics;
using Actors.Invocation;
using Actors.Telemetry;
using Actors.Timers;
using Microsoft.Extensions.Logging;

namespace Actors.Runtime;

/// <summary>
/// The single in-memory instance of one actor on this silo. It admits requests one turn at a time
/// (read-only calls together, [AlwaysInterleave] calls and [Reentrant] classes at any time), loads state
/// before the first turn, and deactivates only when no turn is running.
/// </summary>
internal sealed class Activation(ActorId id, ActorClass actorClass, Catalog catalog) : IActorContext
{
    private enum Phase : byte { Created, Activating, Valid, Deactivating, Invalid }

    private readonly object _gate = new();
    private Phase _phase;
    private Actor? _instance;
    private Queue<Turn>? _waiting;
    private int _running;
    private int _runningExclusive;
    private DeactivationReason? _deactivation;
    private List<ActorTimer>? _timers;
    private TaskCompletionSource? _invalidated;

    public ActorId Id => id;

    public ActorClass Class => actorClass;

    private ActivationScheduler? _scheduler;
    private long _exclusiveChain;

    public ActivationScheduler Scheduler
    {
        get
        {
            if (_scheduler is { } scheduler)
                return scheduler;
            Interlocked.CompareExchange(ref _scheduler, new ActivationScheduler(this), null);
            return _scheduler;
        }
    }

    /// <summary>The call chain of the exclusive turn running now (0 when none): calls it makes carry it along.</summary>
    public long CurrentCallChain => Volatile.Read(ref _exclusiveChain);

    public Actor Instance => _instance ?? throw new InvalidOperationException($"Activation {id} has no instance.");

    /// <summary>Stopwatch timestamp of the last turn's end (or creation); fine-grained so LRU order is exact.</summary>
    public long LastUsed { get; private set; } = Stopwatch.GetTimestamp();

    public bool IsIdle
    {
        get
        {
            lock (_gate)
                return _phase == Phase.Valid && _running == 0 && (_waiting is null || _waiting.Count == 0);
        }
    }

    public int MailboxLength
    {
        get
        {
            lock (_gate)
                return _waiting?.Count ?? 0;
        }
    }

    string IActorContext.Key => id.Key;

    IActorFactory IActorContext.Actors => catalog.Factory;

    void IActorContext.DeactivateOnIdle() => Deactivate(DeactivationReason.Requested);

    IDisposable IActorContext.RegisterTimer(Func<CancellationToken, Task> callback, TimeSpan dueTime, TimeSpan period)
    {
        ArgumentNullException.ThrowIfNull(callback);
        var timer = new ActorTimer(this, callback, dueTime, period);
        lock (_gate)
            (_timers ??= []).Add(timer);
        return timer;
    }

    Task IActorContext.RegisterReminderAsync(string name, TimeSpan dueTime, TimeSpan period)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (_instance is not IRemindable)
            throw new InvalidOperationException($"{actorClass.Implementation.Name} must implement Actors.IRemindable to receive reminder '{name}'.");
        if (period <= TimeSpan.Zero || dueTime < TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(period), $"Reminder '{name}' needs a positive period and a non-negative due time.");
        return catalog.Reminders.UpsertAsync(id, name, DateTimeOffset.UtcNow + dueTime, period, CancellationToken.None);
    }

    Task IActorContext.UnregisterReminderAsync(string name) => catalog.Reminders.DeleteAsync(id, name, CancellationToken.None);

    /// <summary>Completes once this activation is gone; a caller rejected by <see cref="TryAccept"/> waits for it and retries.</summary>
    public Task Invalidated
    {
        get
        {
            lock (_gate)
                return (_invalidated ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;
        }
    }

    /// <summary>Admits the request (now or queued); false when this activation is deactivating.</summary>
    public bool TryAccept(ActorRequest request, out Task<object?> result, CancellationToken deadline = default, TimeSpan timeout = default)
    {
        var turn = new Turn(this, request, deadline, timeout);
        result = turn.Task;
        var activate = false;
        lock (_gate)
        {
            switch (_phase)
            {
                case Phase.Deactivating or Phase.Invalid:
                    return false;
                case Phase.Created:
                    _phase = Phase.Activating;
                    activate = true;
                    Enqueue(turn);
                    break;
                case Phase.Valid when CanStart(request):
                    StartLocked(turn);
                    break;
                default:
                    Enqueue(turn);
                    break;
            }
        }
        if (activate)
            _ = ActivateAsync();
        return true;
    }

    /// <summary>Deactivates once no turn runs; queued and later calls go to a new activation.</summary>
    public void Deactivate(DeactivationReason reason)
    {
        lock (_gate)
        {
            if (_phase == Phase.Created)
            {
                // Never admitted a call: nothing to run, just make it unreachable.
                _phase = Phase.Invalid;
                catalog.Remove(this);
            }
            if (_phase == Phase.Invalid)
            {
                Invalidate();
                return;
            }
            if (_phase != Phase.Valid && _phase != Phase.Activating || _deactivation is not null)
                return;
            _deactivation = reason;
            if (_phase != Phase.Valid || _running > 0)
                return; // started by activation end or the last running turn
            _phase = Phase.Deactivating;
        }
        _ = DeactivateAsync(reason);
    }

    internal Task RetryAfterConflictAsync(Turn turn, Exception conflict)
    {
        catalog.Logger.LogInformation("{Actor}.{Method} hit a stale-state conflict; re-running it on a fresh activation: {Message}",
            id, turn.Request.MethodName, conflict.Message);
        return catalog.RerouteAsync(id, turn);
    }

    private void Enqueue(Turn turn)
    {
        (_waiting ??= new Queue<Turn>()).Enqueue(turn);
        ActorTelemetry.MailboxLength.Add(1);
    }

    private Turn[] DrainLocked()
    {
        var drained = _waiting?.ToArray() ?? [];
        _waiting = null;
        ActorTelemetry.MailboxLength.Add(-drained.Length);
        return drained;
    }

    private Turn Dequeue()
    {
        ActorTelemetry.MailboxLength.Add(-1);
        return _waiting!.Dequeue();
    }

    private bool CanStart(ActorRequest request) =>
        _running == 0 ||
        actorClass.Reentrant ||
        (request.Flags & CallFlags.AlwaysInterleave) != 0 ||
        ((request.Flags & CallFlags.ReadOnly) != 0 && _runningExclusive == 0) ||
        IsReentry(request);

    /// <summary>
    /// Call-chain reentrancy: the request was made, directly or through other actors, by the exclusive turn running
    /// here (A → B → A). That turn is waiting for it, so making it wait would be a deadlock.
    /// </summary>
    private bool IsReentry(ActorRequest request) => request.CallChain != 0 && _runningExclusive > 0 && request.CallChain == _exclusiveChain;

    private void StartLocked(Turn turn)
    {
        _running++;
        turn.Exclusive = IsExclusive(turn.Request.Flags) && !IsReentry(turn.Request);
        if (turn.Exclusive)
        {
            _runningExclusive++;
            if (turn.Request.CallChain == 0)
                turn.Request.CallChain = CallChains.New();
            Volatile.Write(ref _exclusiveChain, turn.Request.CallChain);
        }
        turn.Start();
    }

    private bool IsExclusive(CallFlags flags) => !actorClass.Reentrant && (flags & (CallFlags.ReadOnly | CallFlags.AlwaysInterleave)) == 0;

    internal void OnTurnCompleted(Turn turn, Exception? error)
    {
        if (error is StateConflictException)
        {
            // This activation's view of its state is stale (another activation wrote it): drop it, so the
            // next call loads the current state, possibly on the new owner.
            Deactivate(DeactivationReason.Failed);
        }
        DeactivationReason? deactivate = null;
        lock (_gate)
        {
            _running--;
            if (turn.Exclusive)
            {
                _runningExclusive--;
                Volatile.Write(ref _exclusiveChain, 0);
            }
            if (turn.Request.KeepsAlive)
                LastUsed = Stopwatch.GetTimestamp();
            if (_deactivation is { } reason && _phase == Phase.Valid)
            {
                if (_running == 0)
                {
                    _phase = Phase.Deactivating;
                    deactivate = reason;
                }
            }
            else
            {
                PumpLocked();
            }
        }
        if (deactivate is { } r)
            _ = DeactivateAsync(r);
    }

    private void PumpLocked()
    {
        while (_phase == Phase.Valid && _waiting is { Count: > 0 } waiting && (waiting.Peek().Abandoned || CanStart(waiting.Peek().Request)))
        {
            var next = Dequeue();
            if (!next.Abandoned)
                StartLocked(next); // a call whose caller gave up while it waited is not run at all
        }
    }

    private async Task ActivateAsync()
    {
        try
        {
            await RunOnScheduler(async () =>
            {
                var (actor, states) = actorClass.Create(catalog.Services, id, catalog.Store);
                actor.Context = this;
                foreach (var state in states)
                    await state.LoadAsync(CancellationToken.None);
                _instance = actor;
                await actor.OnActivateAsync(CancellationToken.None);
            }).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            catalog.Logger.LogError(e, "Activating {Actor} failed", id);
            Turn[] failed;
            lock (_gate)
            {
                _phase = Phase.Invalid;
                failed = DrainLocked();
            }
            catalog.Remove(this);
            Invalidate();
            var error = new InvalidOperationException($"Activating actor {id} ({actorClass.Implementation.Name}) failed: {e.Message}", e);
            foreach (var turn in failed)
                turn.TrySetException(error);
            return;
        }
        DeactivationReason? deactivate = null;
        lock (_gate)
        {
            _phase = Phase.Valid;
            PumpLocked();
            if (_deactivation is { } reason && _running == 0)
            {
                _phase = Phase.Deactivating;
                deactivate = reason;
            }
        }
        catalog.OnActivated(this);
        if (deactivate is { } r)
            _ = DeactivateAsync(r);
    }

    private async Task DeactivateAsync(DeactivationReason reason)
    {
        List<ActorTimer>? timers;
        lock (_gate)
            (timers, _timers) = (_timers, null);
        timers?.ForEach(t => t.Dispose());
        try
        {
            if (_instance is { } actor)
                await RunOnScheduler(() => actor.OnDeactivateAsync(reason, CancellationToken.None)).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            catalog.Logger.LogWarning(e, "OnDeactivateAsync of {Actor} failed ({Reason})", id, reason);
        }
        Turn[] requeue;
        lock (_gate)
        {
            _phase = Phase.Invalid;
            requeue = DrainLocked();
        }
        catalog.Remove(this);
        catalog.OnDeactivated(this, reason);
        Invalidate();
        // Calls that were waiting here go to the next activation (on this or the new owning silo).
        foreach (var turn in requeue)
            _ = catalog.RerouteAsync(id, turn);
    }

    private void Invalidate()
    {
        lock (_gate)
            _invalidated ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _invalidated.TrySetResult();
    }

    private Task RunOnScheduler(Func<Task> work) =>
        Task.Factory.StartNew(work, CancellationToken.None, TaskCreationOptions.DenyChildAttach, Scheduler).Unwrap();
}

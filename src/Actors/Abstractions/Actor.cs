namespace Actors;

/// <summary>
/// Base class of actor implementations (Orleans' Grain). The runtime creates one activation per key
/// in the cluster, runs its turns one at a time, and calls the hooks around its life.
/// </summary>
public abstract class Actor
{
    private IActorContext? _context;

    /// <summary>Set by the runtime right after construction, before <see cref="OnActivateAsync"/>.</summary>
    public IActorContext Context
    {
        get => _context ?? throw new InvalidOperationException("The actor has not been activated by the runtime.");
        internal set => _context = value;
    }

    /// <summary>The key this activation was created for.</summary>
    public string Key => Context.Key;

    /// <summary>References to other actors, for calls made from inside this one.</summary>
    protected IActorFactory Actors => Context.Actors;

    /// <summary>
    /// Starts a timer whose ticks run as turns of this activation (never concurrently with other turns); it dies
    /// with the activation. A tick that is still queued or running when the next is due is skipped, and ticks do
    /// not keep the activation from being collected when idle.
    /// </summary>
    protected IDisposable RegisterTimer(Func<CancellationToken, Task> callback, TimeSpan dueTime, TimeSpan period) =>
        Context.RegisterTimer(callback, dueTime, period);

    /// <summary>
    /// Creates or replaces a durable reminder: it survives deactivation and silo failure and calls
    /// <see cref="IRemindable.ReceiveReminderAsync"/> on whichever silo owns this actor. Missed ticks are skipped.
    /// </summary>
    protected Task RegisterReminderAsync(string name, TimeSpan dueTime, TimeSpan period) =>
        Context.RegisterReminderAsync(name, dueTime, period);

    protected Task UnregisterReminderAsync(string name) => Context.UnregisterReminderAsync(name);

    public virtual Task OnActivateAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public virtual Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>What the runtime tells an activation about itself.</summary>
public interface IActorContext
{
    string Key { get; }
    IActorFactory Actors { get; }

    /// <summary>Asks the runtime to deactivate this activation once the current turn ends.</summary>
    void DeactivateOnIdle();

    IDisposable RegisterTimer(Func<CancellationToken, Task> callback, TimeSpan dueTime, TimeSpan period);

    Task RegisterReminderAsync(string name, TimeSpan dueTime, TimeSpan period);

    Task UnregisterReminderAsync(string name);
}

public enum DeactivationReason
{
    IdleCollected,
    MemoryPressure,
    Requested,
    ShuttingDown,
    OwnershipMoved,
    Failed,
}

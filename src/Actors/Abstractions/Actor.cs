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

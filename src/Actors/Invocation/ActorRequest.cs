using Actors.Serialization;

namespace Actors.Invocation;

/// <summary>How a method may interleave with other turns of the same activation.</summary>
[Flags]
public enum CallFlags
{
    None = 0,
    ReadOnly = 1,
    AlwaysInterleave = 2,
}

/// <summary>
/// One call of one actor method with its arguments. The source generator emits a sealed subclass per
/// method, so invoking, serializing and deserializing a call needs no reflection.
/// </summary>
public abstract class ActorRequest
{
    public abstract int MethodId { get; }

    public abstract string MethodName { get; }

    public abstract CallFlags Flags { get; }

    /// <summary>
    /// The caller's token, for methods that take a CancellationToken: the actor receives it (across the wire too),
    /// so a cancelled call also stops the work it started.
    /// </summary>
    public CancellationToken CancellationToken { get; set; }

    public abstract void WriteArguments(WireWriter writer);

    /// <summary>Runs the method on the activation; the result is boxed (null for methods without one).</summary>
    public abstract Task<object?> InvokeAsync(object actor);

    public abstract void WriteResult(WireWriter writer, object? result);

    public abstract object? ReadResult(WireReader reader);

    /// <summary>
    /// The call chain this request belongs to (0: made from outside any actor turn). An exclusive turn gives its chain
    /// to every call it makes, so a call that comes back to it through other actors is recognized and let in.
    /// </summary>
    internal long CallChain { get; set; }

    /// <summary>How often this call was already re-run after a stale-state conflict (it is re-run at most once).</summary>
    internal int ConflictRetries { get; set; }

    /// <summary>Whether this turn counts as use of the activation for idle collection (timer ticks do not).</summary>
    internal virtual bool KeepsAlive => true;
}

/// <summary>A turn the runtime itself starts on a local activation (timer or reminder tick); it never crosses the wire.</summary>
internal abstract class LocalRequest : ActorRequest
{
    public override int MethodId => -1;

    public override CallFlags Flags => CallFlags.None;

    public override void WriteArguments(WireWriter writer) =>
        throw new NotSupportedException($"{MethodName} runs only on the local activation.");

    public override void WriteResult(WireWriter writer, object? result) { }

    public override object? ReadResult(WireReader reader) => null;
}

/// <summary>Rebuilds requests of one actor interface from the wire (generated).</summary>
public interface IActorInvoker
{
    ActorRequest ReadRequest(int methodId, WireReader reader);
}

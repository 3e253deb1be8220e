namespace Actors.Invocation;

/// <summary>Routes a call to wherever the actor's activation lives (the local catalog, or a silo over TCP).</summary>
public interface IActorCaller
{
    Task<object?> CallAsync(ActorId target, ActorRequest request, CancellationToken cancellationToken);
}

/// <summary>
/// The state behind every generated proxy: which actor, and who carries the call. Holding no connection
/// or activation, it stays valid across silo failures and ownership moves.
/// </summary>
public sealed class ActorReference(ActorId id, IActorCaller caller)
{
    public ActorId Id => id;

    public async Task<TResult> InvokeAsync<TResult>(ActorRequest request, CancellationToken cancellationToken = default)
    {
        var result = await caller.CallAsync(id, request, cancellationToken).ConfigureAwait(false);
        return (TResult)result!;
    }

    public Task InvokeAsync(ActorRequest request, CancellationToken cancellationToken = default) =>
        caller.CallAsync(id, request, cancellationToken);
}

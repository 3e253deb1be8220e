using System.Diagnostics;
using Actors.Hosting;
using Actors.Invocation;
using Actors.Membership;
using Actors.Messaging;
using Actors.Runtime;
using Actors.Telemetry;
using Microsoft.Extensions.Logging;

namespace Actors.Routing;

/// <summary>
/// Carries every call to the activation's owner: the local catalog when this silo owns the key, otherwise the
/// owner's connection. Calls the owner never received (unreachable, not serving) are retried after re-reading
/// membership until the call timeout; a silo that receives a call it does not own forwards it.
/// </summary>
internal sealed class CallRouter(MembershipAgent membership, ConnectionPool connections, ActorsOptions options, ILogger<CallRouter> logger)
    : IActorCaller, IRequestHandler
{
    private readonly CallDeadlines _deadlines = new(options.CallTimeout);

    /// <summary>A forwarded call is forwarded at most this often; after that it runs where it landed (ETags keep state safe).</summary>
    private const int MaxHops = 2;

    /// <summary>The silo's catalog; null in a client.</summary>
    public Catalog? Local { get; set; }

    public SiloAddress? Self { get; set; }

    /// <summary>True while this silo is Active and not fenced.</summary>
    public bool IsServing { get; set; }

    public long Generation => Self?.Generation ?? 0;

    private volatile bool _unresponsive;

    /// <summary>Test hook: the listener drops every inbound frame (see <see cref="IRequestHandler.Unresponsive"/>).</summary>
    public bool Unresponsive
    {
        get => _unresponsive;
        set => _unresponsive = value;
    }

    public Task<object?> CallAsync(ActorId target, ActorRequest request, CancellationToken cancellationToken)
    {
        ActorTelemetry.Calls.Add(1, ActorTelemetry.KindTag(target.Kind));
        if (request.CallChain == 0)
            request.CallChain = CallChains.Current;
        // One span per call; its id travels in the request frame so the silo's span joins the same trace.
        var activity = ActorTelemetry.Source.StartActivity($"{request.MethodName}", ActivityKind.Client);
        activity?.SetTag("actor.kind", target.Kind).SetTag("actor.key", target.Key);
        var started = ActorTelemetry.CallDuration.Enabled ? Stopwatch.GetTimestamp() : 0;
        if (Local is not null && IsServing && membership.View.OwnerOf(target, Excluded) == Self)
        {
            // Fast path: this silo owns the key. The turn itself fails the caller's wait on timeout or cancellation,
            // so no wrapper is needed unless someone listens to telemetry.
            var local = Local.InvokeAsync(target, request, _deadlines.Current, options.CallTimeout);
            return activity is null && started == 0 ? local : ObserveAsync(local, target, request, activity, started, cancellationToken);
        }
        var routed = RouteAsync(target, request, activity?.Id ?? Activity.Current?.Id);
        return routed.IsCompleted && activity is null && started == 0
            ? routed
            : ObserveAsync(routed, target, request, activity, started, cancellationToken);
    }

    private async Task<object?> ObserveAsync(Task<object?> routed, ActorId target, ActorRequest request, Activity? activity, long started, CancellationToken cancellationToken)
    {
        var deadline = _deadlines.Current;
        try
        {
            return cancellationToken.CanBeCanceled
                ? await routed.WaitAsync(options.CallTimeout, cancellationToken).ConfigureAwait(false)
                : await routed.WaitAsync(deadline).ConfigureAwait(false);
        }
        catch (Exception e) when (!routed.IsCompleted && (e is TimeoutException || (e is OperationCanceledException && deadline.IsCancellationRequested)))
        {
            activity?.SetStatus(ActivityStatusCode.Error, "timeout");
            throw new ActorCallTimeoutException(
                $"The call {target}.{request.MethodName} did not complete within {options.CallTimeout.TotalSeconds:0.#} s (Actors:CallTimeout). " +
                "If actors call each other in a cycle (A→B→A), mark the re-entered method [AlwaysInterleave] or the actor class [Reentrant].");
        }
        catch (Exception e)
        {
            activity?.SetStatus(ActivityStatusCode.Error, e.GetType().Name);
            throw;
        }
        finally
        {
            if (started != 0)
                ActorTelemetry.CallDuration.Record(ActorTelemetry.ElapsedMilliseconds(started), ActorTelemetry.KindTag(target.Kind));
            activity?.Dispose();
        }
    }

    private async Task<object?> RouteAsync(ActorId target, ActorRequest request, string? traceParent)
    {
        var deadline = Environment.TickCount64 + (long)options.CallTimeout.TotalMilliseconds;
        Exception? lastFailure = null;
        for (var attempt = 0; ; attempt++)
        {
            var owner = membership.View.OwnerOf(target, Excluded);
            if (owner is null && Local is not null && IsServing)
                owner = Self; // this silo is serving but has not yet seen itself Active in the table
            if (owner is { } silo && silo == Self && Local is not null)
                return await Local.InvokeAsync(target, request).ConfigureAwait(false);
            if (owner is { } remote)
            {
                try
                {
                    var connection = await connections.GetAsync(remote).ConfigureAwait(false);
                    return await connection.CallAsync(target, request, hops: 0, traceParent).ConfigureAwait(false);
                }
                catch (SiloUnreachableException e)
                {
                    connections.MarkUnreachable(remote);
                    lastFailure = e;
                }
                catch (NotServingException e)
                {
                    lastFailure = e;
                }
            }
            if (Environment.TickCount64 >= deadline)
            {
                throw new ActorUnavailableException(
                    $"No silo of cluster '{options.ClusterId}' could take the call {target}.{request.MethodName}: " +
                    (lastFailure?.Message ?? $"the membership table ({options.Storage.Provider}) lists no Active silo. Start a silo with the same Actors:ClusterId and Actors:Storage."),
                    lastFailure);
            }
            await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(1000, 25 << Math.Min(attempt, 6)))).ConfigureAwait(false);
            try
            {
                await membership.RefreshAsync().ConfigureAwait(false);
            }
            catch (Exception e)
            {
                logger.LogDebug(e, "Refreshing membership before a retry failed");
            }
        }
    }

    private bool Excluded(SiloAddress silo) => connections.IsSuspect(silo) || (silo == Self && !IsServing);

    /// <summary>A call that arrived over TCP at this silo.</summary>
    public async Task<object?> HandleAsync(ActorId target, ActorRequest request, int hops, string? traceParent)
    {
        using var activity = ActorTelemetry.Source.StartActivity($"{request.MethodName} (silo)", ActivityKind.Server, traceParent);
        activity?.SetTag("actor.kind", target.Kind).SetTag("actor.key", target.Key).SetTag("actor.silo", Self?.ToString());
        if (!IsServing || Local is null)
            throw new NotServingException($"Silo {Self} is not serving calls right now.");
        var owner = membership.View.OwnerOf(target, Excluded);
        if (owner is null || owner == Self || hops >= MaxHops)
            return await Local.InvokeAsync(target, request).ConfigureAwait(false);
        try
        {
            // The caller's view was older or newer than ours; forward to the owner we see.
            var connection = await connections.GetAsync(owner.Value).ConfigureAwait(false);
            return await connection.CallAsync(target, request, hops + 1, traceParent).ConfigureAwait(false);
        }
        catch (Exception e) when (e is SiloUnreachableException or NotServingException)
        {
            return await Local.InvokeAsync(target, request).ConfigureAwait(false);
        }
    }
}

using Actors.Invocation;

namespace Actors.Runtime;

/// <summary>
/// One request admitted to an activation. It occupies the activation from its start until the task of the
/// actor method completes (Orleans' request-level turn), and its own task is what the caller awaits.
/// </summary>
internal sealed class Turn : TaskCompletionSource<object?>
{
    private readonly Activation _activation;
    private readonly ActorRequest _request;
    private readonly TimeSpan _timeout;
    private CancellationTokenRegistration _deadline;
    private CancellationTokenRegistration _caller;

    /// <param name="deadline">Fires when the caller's time is up; the caller then gets a timeout (the actor's work goes on).</param>
    public Turn(Activation activation, ActorRequest request, CancellationToken deadline = default, TimeSpan timeout = default)
        : base(TaskCreationOptions.RunContinuationsAsynchronously)
    {
        _activation = activation;
        _request = request;
        _timeout = timeout;
        if (deadline.CanBeCanceled)
            _deadline = deadline.UnsafeRegister(static state => ((Turn)state!).TimedOut(), this);
        if (request.CancellationToken.CanBeCanceled)
            _caller = request.CancellationToken.UnsafeRegister(static (state, token) => ((Turn)state!).CallerCancelled(token), this);
    }

    public ActorRequest Request => _request;

    /// <summary>Whether this turn excludes others (decided when it starts; a call-chain re-entry does not).</summary>
    public bool Exclusive { get; set; }

    /// <summary>The caller stopped waiting (timeout or cancellation): if the turn has not started yet, it never will.</summary>
    public bool Abandoned => Task.IsCompleted;

    private void TimedOut()
    {
        if (TrySetException(new ActorCallTimeoutException(
                $"The call {_activation.Id}.{_request.MethodName} did not complete within {_timeout.TotalSeconds:0.#} s (Actors:CallTimeout). " +
                "If actors call each other in a cycle (A→B→A), mark the re-entered method [AlwaysInterleave] or the actor class [Reentrant].")))
            Unwatch();
    }

    private void CallerCancelled(CancellationToken token)
    {
        if (TrySetCanceled(token))
            Unwatch();
    }

    /// <summary>Drops the registrations, so that the shared deadline token does not keep finished calls alive.</summary>
    private void Unwatch()
    {
        _deadline.Unregister();
        _caller.Unregister();
    }

    public void Start()
    {
        var start = new Task(static state => ((Turn)state!).Run(), this);
        start.Start(_activation.Scheduler);
    }

    private void Run()
    {
        Task<object?> work;
        try
        {
            work = _request.InvokeAsync(_activation.Instance);
        }
        catch (Exception e)
        {
            Complete(System.Threading.Tasks.Task.FromException<object?>(e));
            return;
        }
        if (work.IsCompleted)
            Complete(work); // most turns finish synchronously; no continuation to allocate
        else
            work.ContinueWith(static (task, state) => ((Turn)state!).Complete(task), this,
                CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    private void Complete(Task<object?> work)
    {
        Unwatch();
        var error = work.Exception?.InnerException;
        _activation.OnTurnCompleted(this, error);
        if (error is StateConflictException && _request.ConflictRetries == 0)
        {
            // This activation's state was stale (another activation of the key wrote first, e.g. during a view
            // change) and it is deactivating; run the call once more on a fresh activation at the current owner.
            _request.ConflictRetries++;
            _ = _activation.RetryAfterConflictAsync(this, error);
            return;
        }
        if (work.IsCompletedSuccessfully)
            TrySetResult(work.Result);
        else if (error is not null)
            TrySetException(error);
        else
            TrySetCanceled();
    }
}

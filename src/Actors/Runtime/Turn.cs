using Actors.Invocation;

namespace Actors.Runtime;

/// <summary>
/// One request admitted to an activation. It occupies the activation from its start until the task of the
/// actor method completes (Orleans' request-level turn), and its own task is what the caller awaits.
/// </summary>
internal sealed class Turn(Activation activation, ActorRequest request)
    : TaskCompletionSource<object?>(TaskCreationOptions.RunContinuationsAsynchronously)
{
    public ActorRequest Request => request;

    public void Start()
    {
        var start = new Task(static state => ((Turn)state!).Run(), this);
        start.Start(activation.Scheduler);
    }

    private void Run()
    {
        Task<object?> work;
        try
        {
            work = request.InvokeAsync(activation.Instance);
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
        var error = work.Exception?.InnerException;
        activation.OnTurnCompleted(this, error);
        if (error is StateConflictException && request.ConflictRetries == 0)
        {
            // This activation's state was stale (another activation of the key wrote first, e.g. during a view
            // change) and it is deactivating; run the call once more on a fresh activation at the current owner.
            request.ConflictRetries++;
            _ = activation.RetryAfterConflictAsync(this, error);
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

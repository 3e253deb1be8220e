using Actors.Invocation;
using Actors.Runtime;

namespace Actors.Timers;

/// <summary>
/// A timer of one activation (Orleans' grain timer): each tick is a turn of that activation, a tick still
/// pending when the next is due is skipped, and the timer ends with the activation or when disposed.
/// </summary>
internal sealed class ActorTimer : IDisposable
{
    private readonly Activation _activation;
    private readonly Func<CancellationToken, Task> _callback;
    private readonly CancellationTokenSource _stopped = new();
    private readonly Timer _timer;
    private int _pending;

    public ActorTimer(Activation activation, Func<CancellationToken, Task> callback, TimeSpan dueTime, TimeSpan period)
    {
        _activation = activation;
        _callback = callback;
        _timer = new Timer(static state => ((ActorTimer)state!).Fire(), this, dueTime, period <= TimeSpan.Zero ? Timeout.InfiniteTimeSpan : period);
    }

    private void Fire()
    {
        if (_stopped.IsCancellationRequested || Interlocked.CompareExchange(ref _pending, 1, 0) != 0)
            return;
        if (!_activation.TryAccept(new Tick(this), out var turn))
        {
            Dispose();
            return;
        }
        turn.ContinueWith(static (_, state) => Volatile.Write(ref ((ActorTimer)state!)._pending, 0), this,
            CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    public void Dispose()
    {
        if (_stopped.IsCancellationRequested)
            return;
        _stopped.Cancel();
        _timer.Dispose();
    }

    private sealed class Tick(ActorTimer timer) : LocalRequest
    {
        public override string MethodName => "timer tick";

        internal override bool KeepsAlive => false;

        public override async Task<object?> InvokeAsync(object actor)
        {
            if (!timer._stopped.IsCancellationRequested)
                await timer._callback(timer._stopped.Token).ConfigureAwait(true);
            return null;
        }
    }
}

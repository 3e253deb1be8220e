namespace Actors.Routing;

/// <summary>
/// Call timeouts without a timer per call: all calls that start within the same second share one token that fires
/// one call timeout (plus that second) later. A call thus times out between CallTimeout and CallTimeout + 1 s,
/// and the per-call cost is one cancellation registration instead of a timer.
/// </summary>
internal sealed class CallDeadlines(TimeSpan timeout)
{
    private static readonly TimeSpan Granularity = TimeSpan.FromSeconds(1);
    private readonly object _gate = new();
    private CancellationTokenSource _bucket = new(timeout + Granularity);
    private long _bucketSecond = Environment.TickCount64 / 1000;

    public CancellationToken Current
    {
        get
        {
            var second = Environment.TickCount64 / 1000;
            if (Volatile.Read(ref _bucketSecond) != second)
            {
                lock (_gate)
                {
                    if (_bucketSecond != second)
                    {
                        // The previous bucket disposes itself nowhere on purpose: its CancelAfter timer must still fire.
                        _bucket = new CancellationTokenSource(timeout + Granularity);
                        Volatile.Write(ref _bucketSecond, second);
                    }
                }
            }
            return Volatile.Read(ref _bucket).Token;
        }
    }
}

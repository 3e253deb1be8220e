namespace GraphQL.Engine.Execution.Batching;

/// <summary>
/// Decides when the DataLoaders of one request fetch. While the executor is starting fields (a synchronous phase)
/// loads only queue up; when the phase ends the executor dispatches, and every key queued by then goes out in one
/// batch per loader. Completing a batch runs the waiting resolvers inline, which queue the next level's keys, and
/// those are dispatched right after. Loads made outside such a phase (after a resolver's own I/O) are dispatched
/// from the thread pool, as graphql-js's DataLoader dispatches on the next tick.
/// </summary>
public sealed class DataLoaderScheduler
{
    private readonly object _gate = new();
    private readonly List<IBatchLoader> _pending = [];
    private int _suppressed;
    private bool _fallbackQueued;

    /// <summary>Marks a synchronous phase: loads queue without dispatching until the returned scope ends.</summary>
    public SuppressionScope Suppress()
    {
        Interlocked.Increment(ref _suppressed);
        return new SuppressionScope(this);
    }

    internal void Enqueue(IBatchLoader loader)
    {
        lock (_gate)
        {
            if (!_pending.Contains(loader))
                _pending.Add(loader);
            if (Volatile.Read(ref _suppressed) > 0 || _fallbackQueued)
                return;
            _fallbackQueued = true;
        }

        ThreadPool.UnsafeQueueUserWorkItem(static scheduler => scheduler.Dispatch(), this, preferLocal: false);
    }

    /// <summary>Starts one batch for every loader with queued keys.</summary>
    public void Dispatch()
    {
        IBatchLoader[] loaders;
        lock (_gate)
        {
            _fallbackQueued = false;
            if (_pending.Count == 0)
                return;
            loaders = [.. _pending];
            _pending.Clear();
        }

        foreach (var loader in loaders)
            loader.DispatchBatch();
    }

    public readonly struct SuppressionScope(DataLoaderScheduler scheduler) : IDisposable
    {
        public void Dispose() => Interlocked.Decrement(ref scheduler._suppressed);
    }
}

internal interface IBatchLoader
{
    void DispatchBatch();
}

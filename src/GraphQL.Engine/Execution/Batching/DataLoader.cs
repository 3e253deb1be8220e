namespace GraphQL.Engine.Execution.Batching;

/// <summary>
/// Per-request batching and caching of keyed fetches: resolving a field on N objects that each need a record
/// from another service makes one call with N keys, and the same key is fetched once per request.
/// Get one with <see cref="IResolverContext.DataLoader{TKey, TValue}"/>.
/// </summary>
public sealed class DataLoader<TKey, TValue> : IBatchLoader
    where TKey : notnull
{
    private readonly Func<IReadOnlyList<TKey>, CancellationToken, ValueTask<IReadOnlyDictionary<TKey, TValue>>> _fetch;
    private readonly DataLoaderScheduler _scheduler;
    private readonly CancellationToken _cancellationToken;
    private readonly int _maxBatchSize;
    private readonly Dictionary<TKey, TaskCompletionSource<TValue?>> _cache = [];
    private List<(TKey Key, TaskCompletionSource<TValue?> Result)> _queue = [];

    internal DataLoader(
        Func<IReadOnlyList<TKey>, CancellationToken, ValueTask<IReadOnlyDictionary<TKey, TValue>>> fetch,
        DataLoaderScheduler scheduler,
        CancellationToken cancellationToken,
        int maxBatchSize)
    {
        _fetch = fetch;
        _scheduler = scheduler;
        _cancellationToken = cancellationToken;
        _maxBatchSize = maxBatchSize;
    }

    /// <summary>The value for <paramref name="key"/>, or default when the fetch did not return it.</summary>
    public Task<TValue?> LoadAsync(TKey key)
    {
        bool first;
        TaskCompletionSource<TValue?> result;
        lock (_cache)
        {
            if (_cache.TryGetValue(key, out var cached))
                return cached.Task;
            result = new TaskCompletionSource<TValue?>();
            _cache[key] = result;
            _queue.Add((key, result));
            first = _queue.Count == 1;
        }

        if (first)
            _scheduler.Enqueue(this);
        return result.Task;
    }

    public async Task<IReadOnlyList<TValue?>> LoadManyAsync(IEnumerable<TKey> keys) =>
        await Task.WhenAll(keys.Select(LoadAsync).ToList());

    void IBatchLoader.DispatchBatch()
    {
        List<(TKey Key, TaskCompletionSource<TValue?> Result)> queue;
        lock (_cache)
        {
            queue = _queue;
            _queue = [];
        }

        var size = _maxBatchSize > 0 ? _maxBatchSize : Math.Max(queue.Count, 1);
        foreach (var batch in queue.Chunk(size))
            _ = RunBatchAsync(batch);
    }

    private async Task RunBatchAsync((TKey Key, TaskCompletionSource<TValue?> Result)[] batch)
    {
        IReadOnlyDictionary<TKey, TValue>? values = null;
        Exception? failure = null;
        try
        {
            values = await _fetch([.. batch.Select(b => b.Key)], _cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            failure = e;
        }

        // Waiting resolvers continue inline here and queue the next level's keys; dispatch them once all are queued.
        using (_scheduler.Suppress())
        {
            foreach (var (key, result) in batch)
            {
                if (failure is not null)
                    result.TrySetException(failure);
                else
                    result.TrySetResult(values!.TryGetValue(key, out var value) ? value : default);
            }
        }

        _scheduler.Dispatch();
    }
}

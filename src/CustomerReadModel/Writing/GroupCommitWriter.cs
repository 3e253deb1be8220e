using System.Threading.Channels;

namespace Crm.CustomerReadModel.Writing;

/// <summary>
/// The store's one writer (group commit). Writes from any number of callers wait in a queue; the writer takes all that
/// wait at that moment and gives them to the store as one transaction, so one durable commit serves them all. A write's
/// task completes only after that commit. While one transaction commits the next one gathers, so groups grow with the
/// load. If a transaction fails, every write of it fails with the error, and nothing of it is stored. A write may name
/// a task its commit must wait for (<see cref="ListingWrite.CommitAfter"/>): if that task fails, the transaction is
/// rolled back and done again without that write, which fails with the task's error.
/// </summary>
/// <param name="commit">
/// Applies the writes in one transaction, then awaits the function it is given (which throws
/// <see cref="CommitGateFailedException"/> when a write's gate failed), then commits.
/// </param>
/// <param name="storeName">Names the store in errors.</param>
internal sealed class GroupCommitWriter(Func<IReadOnlyList<ListingWrite>, Func<Task>, Task> commit, string storeName) : IAsyncDisposable
{
    // Bounds how long one transaction holds the write lock (and the memory of one group); one bigger write still goes alone.
    private const int MaxRowsPerTransaction = 20_000;

    private readonly Channel<ListingWrite> _queue = Channel.CreateUnbounded<ListingWrite>(new UnboundedChannelOptions { SingleReader = true });
    private Task? _loop;
    private readonly Lock _startLock = new();
    private long _transactions;
    private long _writes;

    /// <summary>Transactions committed so far (for telemetry, and to prove that writes are grouped).</summary>
    public long Transactions => Interlocked.Read(ref _transactions);

    /// <summary>Writes committed so far, each UpsertAsync, UpsertManyAsync or delete counting one.</summary>
    public long Writes => Interlocked.Read(ref _writes);

    public async Task WriteAsync(ListingWrite write)
    {
        EnsureStarted();
        if (!_queue.Writer.TryWrite(write))
            throw new ObjectDisposedException(storeName, $"The customer read model ({storeName}) is stopped: the service is shutting down, so it takes no more writes.");
        await write.Completion.Task.WaitAsync(write.CancellationToken).ConfigureAwait(false);
    }

    private void EnsureStarted()
    {
        if (_loop is not null)
            return;
        lock (_startLock)
            _loop ??= Task.Run(WriteLoopAsync);
    }

    private async Task WriteLoopAsync()
    {
        var group = new List<ListingWrite>();
        while (await _queue.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            var rows = 0;
            while (rows < MaxRowsPerTransaction && _queue.Reader.TryPeek(out var next)
                   && (group.Count == 0 || rows + next.Rows <= MaxRowsPerTransaction) && _queue.Reader.TryRead(out next))
            {
                // A caller that gave up before its write was taken does not get it applied.
                if (next.CancellationToken.IsCancellationRequested)
                {
                    next.Completion.TrySetCanceled(next.CancellationToken);
                    continue;
                }
                group.Add(next);
                rows += next.Rows;
            }
            if (group.Count == 0)
                continue;
            await CommitAsync(group).ConfigureAwait(false);
            group.Clear();
        }
    }

    /// <summary>Commits the group, leaving out each write whose gate failed, and completes every write of it.</summary>
    private async Task CommitAsync(List<ListingWrite> group)
    {
        while (group.Count > 0)
        {
            try
            {
                await commit(group, () => GatesAsync(group)).ConfigureAwait(false);
                Interlocked.Increment(ref _transactions);
                Interlocked.Add(ref _writes, group.Count);
                foreach (var write in group)
                    write.Completion.TrySetResult();
                return;
            }
            catch (CommitGateFailedException)
            {
                foreach (var write in group.Where(w => w.CommitAfter.IsFaulted || w.CommitAfter.IsCanceled))
                    write.Completion.TrySetException(write.CommitAfter.Exception?.InnerExceptions ?? [new TaskCanceledException(write.CommitAfter)]);
                group.RemoveAll(w => w.Completion.Task.IsCompleted);
            }
            catch (Exception e)
            {
                var failure = new CustomerReadModelException(
                    $"Writing to the customer read model ({storeName}) failed: {e.Message}. Nothing of this write was stored; it may be retried.", e);
                foreach (var write in group)
                    write.Completion.TrySetException(failure);
                return;
            }
        }
    }

    private static async Task GatesAsync(List<ListingWrite> group)
    {
        try
        {
            await Task.WhenAll(group.Select(w => w.CommitAfter)).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            throw new CommitGateFailedException(e);
        }
    }

    /// <summary>Lets the queued writes finish, then stops.</summary>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        if (_loop is not null)
            await _loop.ConfigureAwait(false);
    }
}

/// <summary>A write's <see cref="ListingWrite.CommitAfter"/> failed: its transaction must not commit.</summary>
internal sealed class CommitGateFailedException(Exception inner) : Exception("A write's commit gate failed.", inner);

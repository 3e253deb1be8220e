using System.Threading.Channels;

namespace Orleans.Sqlite;

/// <summary>
/// Group commit, the one writer of a feature's table. Writes from any number of callers wait in a queue; the writer
/// takes everything waiting at that moment (up to <see cref="MaxBatch"/>) and applies it in a single transaction, so
/// one durable commit (one fsync of the WAL) serves the whole batch. Each write's task completes only after that
/// commit, so a write that was acknowledged is on disk. While a batch commits the next one gathers, so batches grow
/// with the load.
/// </summary>
/// <typeparam name="TSession">What a batch is applied with (a connection and its prepared statements), opened on first use and again after a failure.</typeparam>
internal sealed class SqliteGroupCommit<TSession, TWrite, TResult> : IAsyncDisposable where TSession : class, IDisposable
{
    /// <summary>Bounds how long one transaction holds the file's write lock, which the silos' membership updates also need.</summary>
    public const int MaxBatch = 512;

    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Func<TSession> _open;
    private readonly Func<TSession, IReadOnlyList<TWrite>, GroupCommitOutcome<TResult>[]> _commit;
    private readonly Func<Exception, int, Exception> _failed;
    private readonly Action<int> _committed;
    private readonly string _stopped;
    private readonly Task _loop;

    /// <param name="open">Opens a session.</param>
    /// <param name="commit">Applies the batch in one transaction and commits it; returns each write's outcome, in order.</param>
    /// <param name="failed">Given what failed a whole batch and its size, logs it and answers the error each of its writers gets.</param>
    /// <param name="committed">Told each committed batch's size (for metrics); it must not throw.</param>
    /// <param name="stopped">The error message of a write that arrives after disposal.</param>
    public SqliteGroupCommit(Func<TSession> open, Func<TSession, IReadOnlyList<TWrite>, GroupCommitOutcome<TResult>[]> commit,
        Func<Exception, int, Exception> failed, Action<int> committed, string stopped)
    {
        (_open, _commit, _failed, _committed, _stopped) = (open, commit, failed, committed, stopped);
        _loop = Task.Run(WriteLoopAsync);
    }

    /// <summary>Applies the write; the task completes after the commit that made it durable.</summary>
    public Task<TResult> Enqueue(TWrite write)
    {
        var pending = new Pending(write);
        if (!_queue.Writer.TryWrite(pending))
            throw new OrleansException(_stopped);
        return pending.Completion.Task;
    }

    private async Task WriteLoopAsync()
    {
        var batch = new List<Pending>(MaxBatch);
        var writes = new List<TWrite>(MaxBatch);
        TSession? session = null;
        try
        {
            while (await _queue.Reader.WaitToReadAsync().ConfigureAwait(false))
            {
                while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var pending))
                {
                    batch.Add(pending);
                    writes.Add(pending.Write);
                }
                GroupCommitOutcome<TResult>[] outcomes;
                try
                {
                    session ??= _open();
                    outcomes = _commit(session, writes);
                }
                catch (Exception e)
                {
                    var failure = _failed(e, batch.Count);
                    foreach (var pending in batch)
                        pending.Completion.TrySetException(failure);
                    // A session that failed mid-batch may be in any state: the next batch opens a fresh one.
                    session?.Dispose();
                    session = null;
                    Clear();
                    continue;
                }
                // Only now, after the commit, does any caller learn its outcome.
                for (var i = 0; i < batch.Count; i++)
                {
                    if (outcomes[i].Refused is { } refused)
                        batch[i].Completion.TrySetException(refused);
                    else
                        batch[i].Completion.TrySetResult(outcomes[i].Result);
                }
                _committed(batch.Count);
                Clear();
            }
        }
        finally
        {
            session?.Dispose();
        }

        void Clear()
        {
            batch.Clear();
            writes.Clear();
        }
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _loop.ConfigureAwait(false);
    }

    private sealed class Pending(TWrite write)
    {
        public TWrite Write { get; } = write;
        public TaskCompletionSource<TResult> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}

/// <summary>One write's outcome in its batch: its result, or the error refusing that write alone (a version conflict).</summary>
internal readonly record struct GroupCommitOutcome<TResult>(TResult Result, Exception? Refused);

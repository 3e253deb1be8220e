using System.Threading.Channels;

namespace Crm.AuditLog.Writing;

/// <summary>
/// The store's one writer (group commit): appends wait in a queue, and the writer takes all that wait at that moment
/// into one transaction, so one durable commit serves many audited operations. An append's task completes only after
/// its commit; if the transaction fails, each of its appends fails with the error and none of them is stored.
/// </summary>
/// <param name="commit">Inserts the records in one transaction and commits it durably.</param>
internal sealed class AuditGroupCommit(Func<IReadOnlyList<AuditRecord>, Task> commit, string storeName) : IAsyncDisposable
{
    // Bounds one transaction's size; under a steady load groups stay far smaller.
    private const int MaxRecordsPerCommit = 2_000;

    private readonly Channel<(AuditRecord Record, TaskCompletionSource Done)> _queue =
        Channel.CreateUnbounded<(AuditRecord, TaskCompletionSource)>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Lock _startLock = new();
    private Task? _loop;
    private long _commits;

    /// <summary>Transactions committed so far: fewer than appends when appends were grouped.</summary>
    public long Commits => Interlocked.Read(ref _commits);

    public Task AppendAsync(AuditRecord record, CancellationToken cancellationToken)
    {
        if (_loop is null)
            lock (_startLock)
                _loop ??= Task.Run(WriteLoopAsync);
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_queue.Writer.TryWrite((record, done)))
            throw new ObjectDisposedException(storeName, $"The audit log ({storeName}) is stopped: the service is shutting down, so it takes no more entries.");
        return done.Task.WaitAsync(cancellationToken);
    }

    private async Task WriteLoopAsync()
    {
        var group = new List<(AuditRecord Record, TaskCompletionSource Done)>();
        while (await _queue.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (group.Count < MaxRecordsPerCommit && _queue.Reader.TryRead(out var next))
                group.Add(next);
            try
            {
                await commit(group.ConvertAll(g => g.Record)).ConfigureAwait(false);
                Interlocked.Increment(ref _commits);
                foreach (var (_, done) in group)
                    done.TrySetResult();
            }
            catch (Exception e)
            {
                var failure = new AuditLogException($"Writing to the audit log ({storeName}) failed: {e.Message}. The entry was not stored; check the store and retry.", e);
                foreach (var (_, done) in group)
                    done.TrySetException(failure);
            }
            group.Clear();
        }
    }

    /// <summary>Lets the queued appends finish, then stops.</summary>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        if (_loop is not null)
            await _loop.ConfigureAwait(false);
    }
}

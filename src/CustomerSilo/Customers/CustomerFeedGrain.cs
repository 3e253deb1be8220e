using Crm.Contracts.Customers;
using Orleans.Concurrency;

namespace Crm.CustomerSilo.Customers;

/// <summary>
/// The tenant's live feed of customer changes: a ring of the latest changes and the waiters for the next one.
/// Reentrant, because waiters are long-running turns and a publish must not queue behind them; the grain's scheduler
/// still runs one piece of it at a time, and no method awaits between reading and changing the ring.
/// </summary>
[Reentrant]
public sealed class CustomerFeedGrain : Grain, ICustomerFeedGrain
{
    /// <summary>How far a subscriber may fall behind before it misses the oldest changes.</summary>
    public const int Capacity = 1_000;

    private const int MaxPage = 100;
    private static readonly TimeSpan LongestWait = TimeSpan.FromSeconds(20);

    private readonly string _epoch = Guid.NewGuid().ToString("N");
    private readonly Queue<CustomerChange> _recent = new();
    private long _lastSequence;
    private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The feed keeps nothing stored: erasing it ends the activation and its ring of recent changes.</summary>
    public Task<int> EraseAsync()
    {
        DeactivateOnIdle();
        return Task.FromResult(0);
    }

    public Task PublishAsync(CustomerChange change)
    {
        _recent.Enqueue(change);
        if (_recent.Count > Capacity)
            _recent.Dequeue();
        _lastSequence++;
        var published = _next;
        _next = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        published.SetResult();
        return Task.CompletedTask;
    }

    public async Task<CustomerFeedPage> WaitAsync(string? epoch, long afterSequence, TimeSpan maxWait, CancellationToken cancellationToken)
    {
        var after = epoch == _epoch ? Math.Min(afterSequence, _lastSequence) : _lastSequence;
        if (after == _lastSequence)
        {
            try
            {
                // WaitAsync drops its timer when the change comes first, so idle subscribers leave no timers behind.
                await _next.Task.WaitAsync(maxWait < LongestWait ? maxWait : LongestWait, cancellationToken);
            }
            catch (TimeoutException)
            {
                // nothing new: an empty page, and the subscriber asks again
            }
        }

        var oldest = _lastSequence - _recent.Count + 1;
        var changes = _recent.Skip((int)Math.Max(0, after + 1 - oldest)).Take(MaxPage).ToList();
        return new CustomerFeedPage(_epoch, Math.Max(after, oldest - 1) + changes.Count, changes);
    }
}

using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Channel = System.Threading.Channels.Channel;
using Crm.Contracts.Customers;

namespace Crm.GraphQL.Customers;

/// <summary>
/// The subscribers of this GraphQL service to each tenant's <see cref="ICustomerFeedGrain"/>: one long poll per
/// tenant, however many subscribers the tenant has here, fanned out to each of them. The poll starts with a tenant's
/// first subscriber and stops with its last; it rides out a feed that moves to another silo (a new epoch) or is
/// briefly unreachable.
/// </summary>
public sealed class CustomerFeedHub(IGrainFactory grains, ILogger<CustomerFeedHub> logger)
{
    // Half the cluster client's response timeout (10 s), so a quiet feed answers an empty page rather than timing out
    // even on a busy machine, and short, since the feed's side of a cancelled wait runs on to its end.
    private static readonly TimeSpan PollWait = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(1);

    /// <summary>How many changes a subscriber that reads slowly may have waiting before it misses the oldest.</summary>
    public const int SubscriberBuffer = 1_000;

    private readonly Dictionary<string, TenantPoll> _polls = new(StringComparer.Ordinal);

    /// <summary>The tenant's changes from now on, until <paramref name="cancellationToken"/> ends the subscription.</summary>
    public async IAsyncEnumerable<CustomerChange> FollowAsync(string tenantId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var inbox = Channel.CreateBounded<CustomerChange>(new BoundedChannelOptions(SubscriberBuffer)
        {
            FullMode = BoundedChannelFullMode.DropOldest,
            SingleReader = true,
        });
        var poll = Join(tenantId, inbox.Writer);
        try
        {
            while (await inbox.Reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
            {
                while (inbox.Reader.TryRead(out var change))
                    yield return change;
            }
        }
        finally
        {
            Leave(tenantId, poll, inbox.Writer);
        }
    }

    /// <summary>Tenants with a poll running here (for tests and diagnostics).</summary>
    public int ActivePolls
    {
        get
        {
            lock (_polls)
                return _polls.Count;
        }
    }

    private TenantPoll Join(string tenantId, ChannelWriter<CustomerChange> subscriber)
    {
        lock (_polls)
        {
            if (_polls.TryGetValue(tenantId, out var poll))
            {
                poll.Subscribers.Add(subscriber);
                return poll;
            }

            poll = new TenantPoll();
            poll.Subscribers.Add(subscriber);
            _polls[tenantId] = poll;
            _ = Task.Run(() => PollAsync(tenantId, poll));
            return poll;
        }
    }

    private void Leave(string tenantId, TenantPoll poll, ChannelWriter<CustomerChange> subscriber)
    {
        lock (_polls)
        {
            poll.Subscribers.Remove(subscriber);
            if (poll.Subscribers.Count > 0)
                return;
            End(tenantId, poll);
        }
    }

    // Under the lock. Cancelling frees the poll at once; the feed's side of its last wait ends within PollWait.
    private void End(string tenantId, TenantPoll poll)
    {
        if (_polls.TryGetValue(tenantId, out var current) && current == poll)
            _polls.Remove(tenantId);
        poll.Stop.Cancel();
    }

    private async Task PollAsync(string tenantId, TenantPoll poll)
    {
        var feed = grains.GetGrain<ICustomerFeedGrain>(tenantId);
        string? epoch = null;
        long after = 0;
        var stopping = poll.Stop.Token;
        try
        {
            while (!stopping.IsCancellationRequested)
            {
                try
                {
                    var page = await feed.WaitAsync(epoch, after, PollWait, stopping).ConfigureAwait(false);
                    epoch = page.Epoch;
                    after = page.LastSequence;
                    Broadcast(poll, page.Changes);
                }
                catch (Exception e) when (e is OrleansException or TimeoutException)
                {
                    logger.LogWarning(e, "The customer feed of tenant {TenantId} did not answer; asking again.", tenantId);
                    await Task.Delay(RetryDelay, stopping).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // The last subscriber left.
        }
        catch (Exception e)
        {
            // Anything else ends every subscription of the tenant here with the error, rather than leaving them silent.
            logger.LogError(e, "Following the customer feed of tenant {TenantId} failed.", tenantId);
            lock (_polls)
            {
                foreach (var subscriber in poll.Subscribers)
                    subscriber.TryComplete(e);
                End(tenantId, poll);
            }
        }
    }

    private void Broadcast(TenantPoll poll, IReadOnlyList<CustomerChange> changes)
    {
        if (changes.Count == 0)
            return;
        lock (_polls)
        {
            foreach (var subscriber in poll.Subscribers)
            {
                foreach (var change in changes)
                    subscriber.TryWrite(change);
            }
        }
    }

    private sealed class TenantPoll
    {
        public List<ChannelWriter<CustomerChange>> Subscribers { get; } = [];

        public CancellationTokenSource Stop { get; } = new();
    }
}

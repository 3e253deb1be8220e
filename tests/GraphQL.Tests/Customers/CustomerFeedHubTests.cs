using System.Collections.Concurrent;
using System.Threading.Channels;
using Crm.Contracts.Customers;
using Crm.GraphQL.Customers;
using Crm.Tests.Shared;
using Microsoft.Extensions.Logging.Abstractions;

namespace GraphQL.Tests.Customers;

public sealed class CustomerFeedHubTests
{
    private readonly FakeFeeds _feeds = new();
    private readonly CustomerFeedHub _hub;

    public CustomerFeedHubTests() => _hub = new CustomerFeedHub(_feeds.AsGrainFactory(), NullLogger<CustomerFeedHub>.Instance);

    private static CustomerChange Created(string tenantId, string name)
    {
        var id = Guid.NewGuid().ToString("N");
        return new(CustomerChange.Created, tenantId, id, SampleCustomers.New(tenantId, id, name));
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the condition did not hold within 30 s");
            await Task.Delay(10);
        }
    }

    [Fact]
    public async Task Subscribers_of_one_tenant_share_one_poll_and_each_hears_every_change()
    {
        using var cancel = new CancellationTokenSource();
        await using var first = _hub.FollowAsync("t1", cancel.Token).GetAsyncEnumerator();
        await using var second = _hub.FollowAsync("t1", cancel.Token).GetAsyncEnumerator();
        var firstNext = first.MoveNextAsync();
        var secondNext = second.MoveNextAsync();
        await WaitUntil(() => _feeds.Feed("t1").Waiting == 1);

        var change = Created("t1", "Ada");
        _feeds.Feed("t1").Publish(change);

        Assert.True(await firstNext);
        Assert.True(await secondNext);
        Assert.Same(change, first.Current);
        Assert.Same(change, second.Current);
        Assert.Equal(1, _feeds.Feed("t1").MostWaiting);
        Assert.Equal(1, _hub.ActivePolls);
        await cancel.CancelAsync();
    }

    [Fact]
    public async Task When_the_last_subscriber_leaves_the_poll_stops_and_its_wait_on_the_feed_is_cancelled()
    {
        using var leaving = new CancellationTokenSource();
        await using (var subscriber = _hub.FollowAsync("t1", leaving.Token).GetAsyncEnumerator())
        {
            var next = subscriber.MoveNextAsync();
            await WaitUntil(() => _feeds.Feed("t1").Waiting == 1);

            await leaving.CancelAsync();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await next);
        }

        await WaitUntil(() => _feeds.Feed("t1").Cancelled == 1 && _feeds.Feed("t1").Waiting == 0);
        Assert.Equal(0, _hub.ActivePolls);
    }

    [Fact]
    public async Task Each_tenant_has_its_own_poll_and_hears_only_its_own_changes()
    {
        using var cancel = new CancellationTokenSource();
        await using var listener = _hub.FollowAsync("t1", cancel.Token).GetAsyncEnumerator();
        await using var other = _hub.FollowAsync("t2", cancel.Token).GetAsyncEnumerator();
        var listenerNext = listener.MoveNextAsync();
        var otherNext = other.MoveNextAsync();
        await WaitUntil(() => _feeds.Feed("t1").Waiting == 1 && _feeds.Feed("t2").Waiting == 1);

        _feeds.Feed("t2").Publish(Created("t2", "Not yours"));
        var mine = Created("t1", "Yours");
        _feeds.Feed("t1").Publish(mine);

        Assert.True(await listenerNext);
        Assert.Same(mine, listener.Current);
        Assert.True(await otherNext);
        Assert.Equal("Not yours", other.Current.Customer!.Name);
        Assert.Equal(2, _hub.ActivePolls);
        await cancel.CancelAsync();
    }

    private sealed class FakeFeeds
    {
        private readonly ConcurrentDictionary<string, FakeFeed> _feeds = new();

        public FakeFeed Feed(string tenantId) => _feeds.GetOrAdd(tenantId, _ => new FakeFeed());

        public IGrainFactory AsGrainFactory() => FakeGrainFactory.Create((_, tenantId) => Feed(tenantId));
    }

    /// <summary>A feed whose pages the test publishes, counting the waits on it.</summary>
    private sealed class FakeFeed : ICustomerFeedGrain
    {
        public Task<int> EraseAsync() => throw new NotSupportedException();

        private readonly System.Threading.Channels.Channel<CustomerChange> _changes = System.Threading.Channels.Channel.CreateUnbounded<CustomerChange>();
        private int _waiting;
        private int _mostWaiting;
        private int _cancelled;

        public int Waiting => Volatile.Read(ref _waiting);

        public int MostWaiting => Volatile.Read(ref _mostWaiting);

        public int Cancelled => Volatile.Read(ref _cancelled);

        public void Publish(CustomerChange change) => _changes.Writer.TryWrite(change);

        public Task PublishAsync(CustomerChange change)
        {
            Publish(change);
            return Task.CompletedTask;
        }

        public async Task<CustomerFeedPage> WaitAsync(string? epoch, long afterSequence, TimeSpan maxWait, CancellationToken cancellationToken)
        {
            var now = Interlocked.Increment(ref _waiting);
            InterlockedMax(ref _mostWaiting, now);
            try
            {
                var change = await _changes.Reader.ReadAsync(cancellationToken);
                return new CustomerFeedPage("epoch", afterSequence + 1, [change]);
            }
            catch (OperationCanceledException)
            {
                Interlocked.Increment(ref _cancelled);
                throw;
            }
            finally
            {
                Interlocked.Decrement(ref _waiting);
            }
        }

        private static void InterlockedMax(ref int target, int value)
        {
            for (var seen = Volatile.Read(ref target); value > seen; seen = Volatile.Read(ref target))
                Interlocked.CompareExchange(ref target, value, seen);
        }
    }
}

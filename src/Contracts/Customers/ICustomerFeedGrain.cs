using Crm.Contracts.Tenants.Erasure;
using Orleans.Concurrency;

namespace Crm.Contracts.Customers;

/// <summary>
/// A tenant's live feed of customer changes, keyed by tenant id, for subscribers that long-poll it. It keeps the
/// latest changes in memory only: a feed that moves to another silo starts a new epoch, and its subscribers carry
/// on from there (they miss what happened during the move, as live notifications may).
/// </summary>
[Alias("crm.customer-feed")]
public interface ICustomerFeedGrain : IErasableGrain
{
    /// <summary>
    /// One way: the change is already durable when it is published, and the publisher must not wait on its live
    /// subscribers.
    /// </summary>
    [Alias("publish"), OneWay]
    Task PublishAsync(CustomerChange change);

    /// <summary>
    /// The changes after <paramref name="afterSequence"/> of <paramref name="epoch"/>, waiting up to
    /// <paramref name="maxWait"/> for the first one (an empty page then). An epoch other than the current one
    /// (or null, for a new subscriber) starts at the current epoch's next change. Cancelling frees the caller at once;
    /// the feed's own wait may run on to <paramref name="maxWait"/>, so callers keep their waits short.
    /// </summary>
    [Alias("wait")]
    Task<CustomerFeedPage> WaitAsync(string? epoch, long afterSequence, TimeSpan maxWait, CancellationToken cancellationToken = default);
}

/// <param name="Kind">What happened: <see cref="Created"/>, <see cref="Updated"/> or <see cref="Deleted"/>.</param>
/// <param name="Customer">The customer as the change left it; null when it was deleted.</param>
[GenerateSerializer, Immutable, Alias("crm.CustomerChange")]
public sealed record CustomerChange(
    [property: Id(0)] string Kind,
    [property: Id(1)] string TenantId,
    [property: Id(2)] string CustomerId,
    [property: Id(3)] CustomerView? Customer)
{
    public const string Created = "created";
    public const string Updated = "updated";
    public const string Deleted = "deleted";
}

/// <param name="Epoch">Which run of the feed the sequence numbers belong to.</param>
/// <param name="LastSequence">Where the next wait continues from.</param>
[GenerateSerializer, Immutable, Alias("crm.CustomerFeedPage")]
public sealed record CustomerFeedPage(
    [property: Id(0)] string Epoch,
    [property: Id(1)] long LastSequence,
    [property: Id(2)] IReadOnlyList<CustomerChange> Changes);

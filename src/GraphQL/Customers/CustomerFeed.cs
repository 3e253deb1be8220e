using System.Runtime.CompilerServices;
using Actors;
using Actors.Invocation;
using Crm.Contracts.Customers;

namespace Crm.GraphQL.Customers;

/// <summary>
/// Follows a tenant's <see cref="ICustomerFeedActor"/> for one subscriber: long-polls it and yields its changes,
/// riding out a feed that moves to another silo (a new epoch) or is briefly unreachable.
/// </summary>
public static class CustomerFeed
{
    // Below the actor call timeout (30 s), so a quiet feed answers an empty page rather than timing out, and below
    // the AppHost's stop grace (10 s), so a silo stopping under a subscriber is not kept waiting past it.
    private static readonly TimeSpan PollWait = TimeSpan.FromSeconds(8);
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(1);

    public static async IAsyncEnumerable<CustomerChange> FollowAsync(
        IActorFactory actors, string tenantId, ILogger logger, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var feed = actors.Get<ICustomerFeedActor>(tenantId);
        string? epoch = null;
        long after = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            CustomerFeedPage page;
            try
            {
                page = await feed.WaitAsync(epoch, after, PollWait, cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                yield break;
            }
            catch (Exception e) when (e is ActorUnavailableException or TimeoutException)
            {
                logger.LogWarning(e, "The customer feed of tenant {TenantId} did not answer; asking again.", tenantId);
                await Task.Delay(RetryDelay, cancellationToken).ConfigureAwait(false);
                continue;
            }

            epoch = page.Epoch;
            after = page.LastSequence;
            foreach (var change in page.Changes)
                yield return change;
        }
    }
}

using Orleans.Runtime;
using Orleans.Runtime.Messaging;
using Polly;
using Polly.Retry;

namespace Crm.ClusterConnection.Resilience;

/// <summary>
/// Sends a grain call again when the cluster refused it: a silo that is shutting down, or a gateway that just left,
/// rejects what reaches it (OrleansMessageRejectionException). Its subclass SiloUnavailableException also cancels a
/// call already sent to a silo that then became unavailable, which may have run: a call that is not idempotent must
/// recognise its own first attempt (createCustomer by the id it minted, a customer's changes by their
/// ChangeRequests id). A call whose gateway could not be reached (ConnectionFailedException: a silo that left before
/// this client's gateway list said so) was never sent, and goes to another gateway. Calls that timed out are never
/// retried.
/// </summary>
/// <remarks>
/// The retries outlast a membership change: a client learns of a new gateway only at its next gateway-list refresh
/// (<see cref="ClusterClientExtensions.GatewayListRefreshPeriod"/>), so a call whose gateways all just left is refused
/// until then. Four quick retries (1.5 s) were not enough on a loaded 2-core machine.
/// </remarks>
public sealed class RetryRejectedCalls(TimeProvider time) : IOutgoingGrainCallFilter
{
    /// <summary>The delays (100 ms doubling up to 1 s, with jitter) add up to about 7 s, beyond one gateway-list refresh.</summary>
    public const int MaxRetries = 10;

    private readonly ResiliencePipeline _pipeline = new ResiliencePipelineBuilder { TimeProvider = time }
        .AddRetry(new RetryStrategyOptions
        {
            ShouldHandle = new PredicateBuilder().Handle<OrleansMessageRejectionException>().Handle<ConnectionFailedException>(),
            MaxRetryAttempts = MaxRetries,
            BackoffType = DelayBackoffType.Exponential,
            Delay = TimeSpan.FromMilliseconds(100),
            MaxDelay = TimeSpan.FromSeconds(1),
            UseJitter = true,
        })
        .Build();

    public async Task Invoke(IOutgoingGrainCallContext context) =>
        await _pipeline.ExecuteAsync(static async (context, _) =>
        {
            await context.Invoke();
            // Orleans answers a rejection with a response that carries the exception rather than throwing it.
            if (context.Response?.Exception is OrleansMessageRejectionException rejected)
                throw rejected;
        }, context, CancellationToken.None);
}

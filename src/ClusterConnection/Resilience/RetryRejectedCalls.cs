using Orleans.Runtime;
using Polly;
using Polly.Retry;

namespace Crm.ClusterConnection.Resilience;

/// <summary>
/// Sends a grain call again when the cluster refused it without running it: a silo that is shutting down, or a
/// gateway that just left, rejects what reaches it (OrleansMessageRejectionException, SiloUnavailableException for
/// calls that never left this process). The silos' membership settles within a second or two, so a few quick
/// retries turn a silo being removed into no failure at all for callers. Calls that timed out are never retried:
/// they may have run.
/// </summary>
public sealed class RetryRejectedCalls : IOutgoingGrainCallFilter
{
    public const int MaxRetries = 4;

    private static readonly ResiliencePipeline Pipeline = new ResiliencePipelineBuilder()
        .AddRetry(new RetryStrategyOptions
        {
            ShouldHandle = new PredicateBuilder().Handle<OrleansMessageRejectionException>(),
            MaxRetryAttempts = MaxRetries,
            BackoffType = DelayBackoffType.Exponential,
            Delay = TimeSpan.FromMilliseconds(100),
            UseJitter = true,
        })
        .Build();

    public async Task Invoke(IOutgoingGrainCallContext context) =>
        await Pipeline.ExecuteAsync(static async (context, _) =>
        {
            await context.Invoke();
            // Orleans answers a rejection with a response that carries the exception rather than throwing it.
            if (context.Response?.Exception is OrleansMessageRejectionException rejected)
                throw rejected;
        }, context, CancellationToken.None);
}

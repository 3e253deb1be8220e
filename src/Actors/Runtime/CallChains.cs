namespace Actors.Runtime;

/// <summary>Call-chain ids: random, so chains started in different processes do not collide.</summary>
internal static class CallChains
{
    public static long New() => Random.Shared.NextInt64(1, long.MaxValue);

    /// <summary>The chain of the actor turn running on this thread, if the caller is actor code.</summary>
    public static long Current => TaskScheduler.Current is ActivationScheduler scheduler ? scheduler.Activation.CurrentCallChain : 0;
}

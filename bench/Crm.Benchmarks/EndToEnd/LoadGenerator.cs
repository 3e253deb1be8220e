using System.Diagnostics;
using Crm.Benchmarks.Actors;

namespace Crm.Benchmarks.EndToEnd;

/// <summary>
/// Drives an HTTP operation two ways. Closed loop: a fixed number of callers, each sending its next request when
/// the last one answered, gives the saturated rate. Open loop: requests start on a fixed schedule whether or not
/// earlier ones answered, and each latency counts from its scheduled start, so a stall is charged to every request
/// it delayed (no coordinated omission).
/// </summary>
internal static class LoadGenerator
{
    /// <summary>An operation throws when the answer is wrong (or none came); each throw counts as an error.</summary>
    public delegate Task Operation(int caller, long sequence);

    /// <summary>Errors seen, and the first one's message (what to look at when there are any).</summary>
    public sealed class Errors
    {
        private long _count;
        private string? _first;

        public long Count => Interlocked.Read(ref _count);

        public string? First => _first;

        public void Add(Exception error)
        {
            Interlocked.Increment(ref _count);
            var cause = error.GetBaseException();
            Interlocked.CompareExchange(ref _first, cause == error ? $"{error.GetType().Name}: {error.Message}"
                : $"{error.GetType().Name}: {error.Message} ({cause.GetType().Name}: {cause.Message})", null);
        }
    }

    public sealed record OpenLoopResult(double RateAchieved, double P50Ms, double P99Ms);

    /// <summary>Completed requests per second, errors included (each is counted in <paramref name="errors"/>).</summary>
    public static Task<double> ClosedLoopAsync(int callers, TimeSpan duration, Operation operation, Errors errors, CancellationToken cancellationToken) =>
        Throughput.MeasureAsync(callers, duration, (caller, i) => TryAsync(operation, caller, i, errors), cancellationToken);

    public static async Task<OpenLoopResult> OpenLoopAsync(double rate, TimeSpan duration, Operation operation, Errors errors, CancellationToken cancellationToken)
    {
        var count = (int)(rate * duration.TotalSeconds);
        var latencies = new double[count];
        var requests = new Task[count];
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < count; i++)
        {
            var scheduled = TimeSpan.FromSeconds(i / rate);
            var wait = scheduled - clock.Elapsed;
            if (wait > TimeSpan.FromMilliseconds(1))
                await Task.Delay(wait, cancellationToken).ConfigureAwait(false);
            var index = i;
            requests[i] = Task.Run(async () =>
            {
                await TryAsync(operation, index, index, errors).ConfigureAwait(false);
                latencies[index] = (clock.Elapsed - scheduled).TotalMilliseconds;
            }, CancellationToken.None);
        }
        await Task.WhenAll(requests).ConfigureAwait(false);
        var elapsed = clock.Elapsed;
        Array.Sort(latencies);
        return new OpenLoopResult(count / elapsed.TotalSeconds, Percentile(latencies, 0.50), Percentile(latencies, 0.99));
    }

    private static async Task TryAsync(Operation operation, int caller, long sequence, Errors errors)
    {
        try
        {
            await operation(caller, sequence).ConfigureAwait(false);
        }
        catch (Exception error)
        {
            errors.Add(error);
        }
    }

    private static double Percentile(double[] sorted, double fraction) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(fraction * sorted.Length) - 1)];
}

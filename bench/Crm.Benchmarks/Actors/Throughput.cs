using System.Diagnostics;

namespace Crm.Benchmarks.Actors;

/// <summary>Runs an operation from many concurrent loops for a fixed time and reports completed operations per second.</summary>
internal static class Throughput
{
    /// <summary>
    /// The best of several windows: other processes on this shared machine only ever take CPU away, so the best
    /// window is the closest to what the code itself can do. Every figure of the suite, baseline included, is taken this way.
    /// </summary>
    public static async Task<double> BestOfAsync(int windows, int concurrency, TimeSpan window, Func<int, long, Task> operation, CancellationToken cancellationToken)
    {
        var best = 0.0;
        for (var i = 0; i < windows; i++)
            best = Math.Max(best, await MeasureAsync(concurrency, window, operation, cancellationToken).ConfigureAwait(false));
        return best;
    }

    public static async Task<double> MeasureAsync(int concurrency, TimeSpan duration, Func<int, long, Task> operation, CancellationToken cancellationToken)
    {
        long completed = 0;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var clock = Stopwatch.StartNew();
        var loops = Enumerable.Range(0, concurrency).Select(worker => Task.Run(async () =>
        {
            for (long i = 0; !stop.IsCancellationRequested; i++)
            {
                await operation(worker, i).ConfigureAwait(false);
                Interlocked.Increment(ref completed);
            }
        }, CancellationToken.None)).ToArray();
        await Task.Delay(duration, cancellationToken).ConfigureAwait(false);
        await stop.CancelAsync().ConfigureAwait(false);
        var elapsed = clock.Elapsed;
        var done = Interlocked.Read(ref completed);
        await Task.WhenAll(loops).ConfigureAwait(false);
        return done / elapsed.TotalSeconds;
    }

    /// <summary>Runs each item once with bounded concurrency and reports items per second.</summary>
    public static async Task<double> EachAsync(int count, int concurrency, Func<int, Task> operation)
    {
        var next = -1;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < count)
                await operation(i).ConfigureAwait(false);
        })));
        return count / clock.Elapsed.TotalSeconds;
    }
}

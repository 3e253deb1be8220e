using System.Diagnostics;
using GraphQL.Engine.Execution;
using GraphQL.Engine.Types;

namespace Crm.Benchmarks.GraphQL;

/// <summary>
/// The `graphql` suite's hostile figures: how long each <see cref="HostileDocuments"/> document takes to be refused
/// (median of single-threaded runs, document cache off) and the validation work it was charged, next to the same
/// run's trivial and typical queries; then the typical query's latency (p50/p99, cached, as another tenant's
/// ordinary traffic) alone and while eight threads post hostile documents without pause.
/// </summary>
internal static class HostileDocumentsBench
{
    private const int Runs = 25;

    // Enough runs for the JIT to finish optimising the code paths before anything is measured.
    private const int WarmUps = 40;
    private const int Attackers = 8;
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(3);

    public static async Task RunAsync(Schema schema, BenchmarkReport report, CancellationToken cancellationToken)
    {
        var uncached = new DocumentExecutor(schema, new ExecutionOptions { DocumentCacheSize = 0 });
        BenchmarkReport.Progress("hostile documents: time to refuse each, single-threaded, cache off");
        await AddTimesAsync(report, "hostile.baseline.trivial_query", uncached, _ => "{ __typename }");
        await AddTimesAsync(report, "hostile.baseline.typical_query_uncached", uncached, _ => BenchmarkSchema.Query, TypicalVariables);
        foreach (var (name, build) in HostileDocuments.All)
        {
            var refused = await uncached.ExecuteAsync(new GraphQLRequest(build(WarmUps + Runs)), null, cancellationToken);
            var error = refused.Errors?.FirstOrDefault();
            BenchmarkReport.Progress($"  {name}: {(error is null ? "executed" : $"{error.Extensions?.GetValueOrDefault("code")}: {error.Message}")}");
            await AddTimesAsync(report, $"hostile.{name}", uncached, build);
            report.Add($"hostile.{name}.validation_work", refused.Work?.ValidationWork ?? 0, "units");
        }

        BenchmarkReport.Progress($"typical query latency, alone and while {Attackers} threads post hostile documents");
        var cached = new DocumentExecutor(schema);
        var request = new GraphQLRequest(BenchmarkSchema.Query, TypicalVariables);
        await LatenciesAsync(cached, request, TimeSpan.FromSeconds(1), cancellationToken);
        var quiet = await LatenciesAsync(cached, request, Window, cancellationToken);
        report.Add("hostile.typical_query_quiet_p50_ms", Percentile(quiet, 0.50), "ms");
        report.Add("hostile.typical_query_quiet_p99_ms", Percentile(quiet, 0.99), "ms");

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        long refusals = 0;
        var attackers = Enumerable.Range(0, Attackers).Select(a => Task.Run(async () =>
        {
            for (var n = a * 1_000_000; !stop.IsCancellationRequested; n++)
            {
                var text = n % 2 == 0 ? HostileDocuments.FragmentChain(n) : HostileDocuments.SideBySideFragments(n);
                await uncached.ExecuteAsync(new GraphQLRequest(text), null, CancellationToken.None);
                Interlocked.Increment(ref refusals);
            }
        })).ToList();
        var attackStart = Stopwatch.GetTimestamp();
        var underAttack = await LatenciesAsync(cached, request, Window, cancellationToken);
        await stop.CancelAsync();
        await Task.WhenAll(attackers);
        report.Add("hostile.typical_query_under_attack_p50_ms", Percentile(underAttack, 0.50), "ms");
        report.Add("hostile.typical_query_under_attack_p99_ms", Percentile(underAttack, 0.99), "ms");
        report.Add("hostile.attack_refusals_per_s", refusals / Stopwatch.GetElapsedTime(attackStart).TotalSeconds, "docs/s");
    }

    private static readonly Dictionary<string, object?> TypicalVariables = new() { ["id"] = "1" };

    /// <summary>
    /// Executes a fresh text (distinct per run) on one thread, after warm-up: the median wall time, and the process's
    /// CPU time per run (the machine is shared, so wall time includes waiting for a core; CPU time does not).
    /// </summary>
    private static async Task AddTimesAsync(BenchmarkReport report, string metric, DocumentExecutor executor, Func<int, string> build, IReadOnlyDictionary<string, object?>? variables = null)
    {
        var texts = Enumerable.Range(0, WarmUps + Runs).Select(build).ToList();
        for (var i = 0; i < WarmUps; i++)
            await executor.ExecuteAsync(new GraphQLRequest(texts[i], variables));
        var times = new List<double>(Runs);
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        for (var i = WarmUps; i < texts.Count; i++)
        {
            var request = new GraphQLRequest(texts[i], variables);
            var start = Stopwatch.GetTimestamp();
            await executor.ExecuteAsync(request);
            times.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }

        var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
        report.Add(metric + ".wall_ms", Percentile(times, 0.5), "ms");
        report.Add(metric + ".cpu_ms", cpu.TotalMilliseconds / Runs, "ms");
    }

    private static async Task<List<double>> LatenciesAsync(DocumentExecutor executor, GraphQLRequest request, TimeSpan window, CancellationToken cancellationToken)
    {
        var latencies = new List<double>();
        var end = Stopwatch.GetTimestamp() + (long)(window.TotalSeconds * Stopwatch.Frequency);
        while (Stopwatch.GetTimestamp() < end && !cancellationToken.IsCancellationRequested)
        {
            var start = Stopwatch.GetTimestamp();
            var result = await executor.ExecuteAsync(request, null, cancellationToken);
            latencies.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            if (result.Errors is not null)
                throw new InvalidOperationException("The typical query failed under attack: " + result.Errors[0].Message);

            // An ordinary client does not post in a tight loop; a pause also leaves the attackers the CPU.
            await Task.Delay(1, cancellationToken);
        }

        return latencies;
    }

    private static double Percentile(List<double> values, double fraction)
    {
        var sorted = values.Order().ToList();
        return sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(fraction * sorted.Count) - 1)];
    }
}

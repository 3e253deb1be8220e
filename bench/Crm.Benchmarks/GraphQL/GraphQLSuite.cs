using System.Diagnostics;
using System.Text.Json;
using GraphQL.Engine.Execution;

namespace Crm.Benchmarks.GraphQL;

/// <summary>
/// `graphql`: executions per second of a typical 15-field query (one nested list of 10) on in-memory data, on one
/// thread (so: per core), with the validated document cached and uncached; and in the same run graphql-js
/// executing the same document on the same data with Node, as the baseline. The machine is shared, so engine and
/// graphql-js are measured in alternating one-second windows and each figure is the median of its windows.
/// Then the hostile documents' figures (<see cref="HostileDocumentsBench"/>).
/// </summary>
public sealed class GraphQLSuite : IBenchmarkSuite
{
    private const int Rounds = 7;
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(1);

    public string Name => "graphql";

    public async Task RunAsync(BenchmarkReport report, CancellationToken cancellationToken)
    {
        var schema = BenchmarkSchema.Build();
        var request = new GraphQLRequest(BenchmarkSchema.Query, new Dictionary<string, object?> { ["id"] = "1" });
        var cached = new DocumentExecutor(schema);
        var uncached = new DocumentExecutor(schema, new ExecutionOptions { DocumentCacheSize = 0 });
        await Check(cached, request);
        await using var peer = await Peer.StartAsync(cancellationToken);

        BenchmarkReport.Progress("warming up both engines...");
        await RateAsync(() => cached.ExecuteAsync(request, null, cancellationToken), TimeSpan.FromSeconds(2), cancellationToken);
        await RateAsync(() => uncached.ExecuteAsync(request, null, cancellationToken), TimeSpan.FromSeconds(1), cancellationToken);
        await peer.RateAsync("execute", TimeSpan.FromSeconds(2));
        await peer.RateAsync("full", TimeSpan.FromSeconds(1));

        var samples = new Dictionary<string, List<double>> { ["cached"] = [], ["uncached"] = [], ["execute"] = [], ["full"] = [] };
        for (var round = 1; round <= Rounds && !cancellationToken.IsCancellationRequested; round++)
        {
            BenchmarkReport.Progress($"round {round}/{Rounds}: engine cached, graphql-js execute, engine uncached, graphql-js parse+validate+execute");
            samples["cached"].Add(await RateAsync(() => cached.ExecuteAsync(request, null, cancellationToken), Window, cancellationToken));
            samples["execute"].Add(await peer.RateAsync("execute", Window));
            samples["uncached"].Add(await RateAsync(() => uncached.ExecuteAsync(request, null, cancellationToken), Window, cancellationToken));
            samples["full"].Add(await peer.RateAsync("full", Window));
        }

        var (cachedRate, uncachedRate, executeRate, fullRate) = (Median(samples["cached"]), Median(samples["uncached"]), Median(samples["execute"]), Median(samples["full"]));
        report.Add("graphql.parse_validate_execute_per_s.cached", cachedRate, "ops/s");
        report.Add("graphql.parse_validate_execute_per_s.uncached", uncachedRate, "ops/s");
        report.Add("peer.graphqljs_execute_per_s", executeRate, "ops/s");
        report.Add("peer.graphqljs_parse_validate_execute_per_s", fullRate, "ops/s");
        report.Add("graphql.cached_vs_graphqljs_execute_ratio", cachedRate / executeRate, "x");
        report.Add("graphql.uncached_vs_graphqljs_parse_validate_execute_ratio", uncachedRate / fullRate, "x");
        await HostileDocumentsBench.RunAsync(schema, report, cancellationToken);
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private static async Task Check(DocumentExecutor executor, GraphQLRequest request)
    {
        var result = await executor.ExecuteAsync(request);
        var json = ResultJsonWriter.ToJson(result);
        if (result.Errors is not null || !json.Contains("\"SKU-10\"", StringComparison.Ordinal))
            throw new InvalidOperationException("The benchmark query did not produce the expected result: " + json);
    }

    private static async Task<double> RateAsync(Func<Task<ExecutionResult>> run, TimeSpan duration, CancellationToken cancellationToken)
    {
        long count = 0;
        var start = Stopwatch.GetTimestamp();
        var end = start + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        while (Stopwatch.GetTimestamp() < end && !cancellationToken.IsCancellationRequested)
        {
            for (var i = 0; i < 50; i++)
                await run();
            count += 50;
        }

        return count / Stopwatch.GetElapsedTime(start).TotalSeconds;
    }

    /// <summary>graphql-js in a Node process that measures a window on each command it reads.</summary>
    private sealed class Peer(Process process) : IAsyncDisposable
    {
        public static Task<Peer> StartAsync(CancellationToken cancellationToken)
        {
            var root = FindRepositoryRoot();
            var jsDirectory = Path.Combine(root, "tests", "GraphQL.Conformance.Tests", "js");
            var graphqlJs = Path.Combine(jsDirectory, "node_modules", "graphql", "index.mjs");
            if (!File.Exists(graphqlJs))
                throw new InvalidOperationException($"graphql-js is not installed: run `npm ci --prefix {jsDirectory}` first.");
            var start = new ProcessStartInfo("node", Path.Combine(root, "bench", "Crm.Benchmarks", "GraphQL", "peer.mjs"))
            {
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            start.Environment["GRAPHQL_JS"] = new Uri(graphqlJs).AbsoluteUri;
            cancellationToken.ThrowIfCancellationRequested();
            return Task.FromResult(new Peer(Process.Start(start) ?? throw new InvalidOperationException("Could not start node.")));
        }

        public async Task<double> RateAsync(string kind, TimeSpan window)
        {
            await process.StandardInput.WriteLineAsync($"{kind} {(int)window.TotalMilliseconds}");
            await process.StandardInput.FlushAsync();
            var line = await process.StandardOutput.ReadLineAsync()
                ?? throw new InvalidOperationException("graphql-js peer stopped: " + await process.StandardError.ReadToEndAsync());
            using var json = JsonDocument.Parse(line);
            return json.RootElement.GetProperty("rate").GetDouble();
        }

        public async ValueTask DisposeAsync()
        {
            process.StandardInput.Close();
            if (!process.WaitForExit(TimeSpan.FromSeconds(10)))
                process.Kill();
            await Task.CompletedTask;
            process.Dispose();
        }
    }

    private static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Crm.Saas.sln")))
                return directory.FullName;
        }

        throw new InvalidOperationException("Crm.Saas.sln not found above " + AppContext.BaseDirectory);
    }
}

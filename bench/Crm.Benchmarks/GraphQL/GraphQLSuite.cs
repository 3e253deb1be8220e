using System.Diagnostics;
using System.Text.Json;
using GraphQL.Engine.Execution;

namespace Crm.Benchmarks.GraphQL;

/// <summary>
/// `graphql`: executions per second of a typical 15-field query (one nested list of 10) on in-memory data, on one
/// thread (so: per core), with the validated document cached and uncached; and in the same run graphql-js
/// executing the same document on the same data with Node, as the baseline.
/// </summary>
public sealed class GraphQLSuite : IBenchmarkSuite
{
    private static readonly TimeSpan Warmup = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan Measure = TimeSpan.FromSeconds(5);

    public string Name => "graphql";

    public async Task RunAsync(BenchmarkReport report, CancellationToken cancellationToken)
    {
        var schema = BenchmarkSchema.Build();
        var variables = new Dictionary<string, object?> { ["id"] = "1" };
        var request = new GraphQLRequest(BenchmarkSchema.Query, variables);
        var cached = new DocumentExecutor(schema);
        var uncached = new DocumentExecutor(schema, new ExecutionOptions { DocumentCacheSize = 0 });
        await Check(cached, request);

        BenchmarkReport.Progress("engine, cached document (1 thread)...");
        var cachedRate = await RateAsync(() => cached.ExecuteAsync(request, null, cancellationToken), cancellationToken);
        report.Add("graphql.parse_validate_execute_per_s.cached", cachedRate, "ops/s");

        BenchmarkReport.Progress("engine, uncached document: parse + validate + execute (1 thread)...");
        var uncachedRate = await RateAsync(() => uncached.ExecuteAsync(request, null, cancellationToken), cancellationToken);
        report.Add("graphql.parse_validate_execute_per_s.uncached", uncachedRate, "ops/s");

        BenchmarkReport.Progress("graphql-js on Node, same document and data...");
        var peer = await RunPeerAsync(cancellationToken);
        report.Add("peer.graphqljs_execute_per_s", peer.Execute, "ops/s");
        report.Add("peer.graphqljs_parse_validate_execute_per_s", peer.Full, "ops/s");
        report.Add("graphql.cached_vs_graphqljs_execute_ratio", cachedRate / peer.Execute, "x");
        report.Add("graphql.uncached_vs_graphqljs_parse_validate_execute_ratio", uncachedRate / peer.Full, "x");
    }

    private static async Task Check(DocumentExecutor executor, GraphQLRequest request)
    {
        var result = await executor.ExecuteAsync(request);
        var json = ResultJsonWriter.ToJson(result);
        if (result.Errors is not null || !json.Contains("\"SKU-10\"", StringComparison.Ordinal))
            throw new InvalidOperationException("The benchmark query did not produce the expected result: " + json);
    }

    private static async Task<double> RateAsync(Func<Task<ExecutionResult>> run, CancellationToken cancellationToken)
    {
        var warmupEnd = Stopwatch.GetTimestamp() + (long)(Warmup.TotalSeconds * Stopwatch.Frequency);
        while (Stopwatch.GetTimestamp() < warmupEnd)
            await run();
        long count = 0;
        var start = Stopwatch.GetTimestamp();
        var end = start + (long)(Measure.TotalSeconds * Stopwatch.Frequency);
        while (Stopwatch.GetTimestamp() < end && !cancellationToken.IsCancellationRequested)
        {
            for (var i = 0; i < 100; i++)
                await run();
            count += 100;
        }

        return count / Stopwatch.GetElapsedTime(start).TotalSeconds;
    }

    private static async Task<(double Execute, double Full)> RunPeerAsync(CancellationToken cancellationToken)
    {
        var root = FindRepositoryRoot();
        var graphqlJs = Path.Combine(root, "tests", "GraphQL.Conformance.Tests", "js", "node_modules", "graphql", "index.mjs");
        if (!File.Exists(graphqlJs))
            throw new InvalidOperationException($"graphql-js is not installed: run `npm ci --prefix {Path.Combine(root, "tests", "GraphQL.Conformance.Tests", "js")}` first.");
        var start = new ProcessStartInfo("node", Path.Combine(root, "bench", "Crm.Benchmarks", "GraphQL", "peer.mjs"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["GRAPHQL_JS"] = new Uri(graphqlJs).AbsoluteUri;
        start.Environment["SECONDS"] = Measure.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var errors = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
            throw new InvalidOperationException("graphql-js peer failed: " + await errors);
        using var json = JsonDocument.Parse(await output);
        return (json.RootElement.GetProperty("execute_per_s").GetDouble(), json.RootElement.GetProperty("parse_validate_execute_per_s").GetDouble());
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

using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using GraphQL.Engine.Execution;
using GraphQL.Engine.Http;
using GraphQL.Engine.Language;

namespace GraphQL.Engine.Tests.Http;

/// <summary>Every limit of the engine: the abusive request is refused with its own error, and the service keeps serving.</summary>
public class LimitTests
{
    private const string Normal = "{ authors { name } }";

    private static async Task<TestHost> Host(ExecutionOptions? execution = null, long maxBytes = 1_000_000, int maxBatch = 10) =>
        await TestHost.StartAsync(options: new GraphQLHttpOptions { Execution = execution ?? ExecutionOptions.Default, MaxRequestBytes = maxBytes, MaxBatchSize = maxBatch });

    private static async Task AssertStillServing(TestHost host)
    {
        var (status, _, body) = await host.QueryAsync(Normal);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("Ursula", body);
    }

    [Fact]
    public async Task Request_size()
    {
        await using var host = await Host(maxBytes: 2_000);
        var (status, _, body) = await host.QueryAsync("{ authors { name } }" + new string(' ', 5_000));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, status);
        Assert.Contains("exceeds the limit of 2000 bytes", body);
        await AssertStillServing(host);
    }

    [Fact]
    public async Task Token_count()
    {
        await using var host = await Host(new ExecutionOptions { Parser = new ParserOptions { MaxTokens = 50 } });
        var (status, _, body) = await host.QueryAsync("{ authors { " + string.Join(" ", Enumerable.Repeat("name", 60)) + " } }");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("more than 50 tokens", body);
        await AssertStillServing(host);
    }

    [Fact]
    public async Task Field_depth_and_list_depth()
    {
        await using var host = await Host(new ExecutionOptions { MaxFieldDepth = 3, MaxListDepth = 1 });
        var (deepStatus, _, deep) = await host.QueryAsync("{ book(id: \"b1\") { author { books { author { name } } } } }");
        Assert.Equal(HttpStatusCode.BadRequest, deepStatus);
        Assert.Contains("nests fields 5 levels deep; the limit is 3", deep);
        var (_, _, lists) = await host.QueryAsync("{ authors { books { id } } }");
        Assert.Contains("nests lists 2 levels deep; the limit is 1", lists);
        var (_, _, viaFragments) = await host.QueryAsync("{ ...A } fragment A on Query { book(id: \"b1\") { ...B } } fragment B on Book { author { books { author { id } } } }");
        Assert.Contains("nests fields 5 levels deep", viaFragments);
        await AssertStillServing(host);
    }

    [Fact]
    public async Task Aliases()
    {
        await using var host = await Host(new ExecutionOptions { MaxAliases = 2 });
        var (status, _, body) = await host.QueryAsync("{ a: authors { name } b: authors { name } ...F } fragment F on Query { c: authors { name } }");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("uses 3 aliases; the limit is 2", body);
        await AssertStillServing(host);
    }

    [Fact]
    public async Task Field_cost_with_sizes_from_arguments_and_variables()
    {
        await using var host = await Host(new ExecutionOptions { MaxCost = 100 });
        // authors: list of 10 assumed x books(first: 50) x author -> far above 100.
        var (status, _, body) = await host.QueryAsync("{ authors { books(first: 50) { author { name } } } }");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("estimated cost is", body);
        Assert.Contains("COST_LIMIT_EXCEEDED", body);
        var (variableStatus, _, _) = await host.PostAsync("""{"query":"query($n: Int) { authors { books(first: $n) { author { name } } } }","variables":{"n":50}}""");
        Assert.Equal(HttpStatusCode.BadRequest, variableStatus);
        var (smallStatus, _, _) = await host.PostAsync("""{"query":"query($n: Int) { authors { books(first: $n) { author { name } } } }","variables":{"n":2}}""");
        Assert.Equal(HttpStatusCode.OK, smallStatus);
        await AssertStillServing(host);
    }

    [Fact]
    public async Task Batch_size()
    {
        await using var host = await Host(maxBatch: 2);
        var one = JsonSerializer.Serialize(new { query = Normal });
        var (okStatus, _, ok) = await host.PostAsync($"[{one},{JsonSerializer.Serialize(new { query = "{ books { id } }" })}]");
        Assert.Equal(HttpStatusCode.OK, okStatus);
        using (var results = JsonDocument.Parse(ok))
        {
            Assert.Equal(2, results.RootElement.GetArrayLength());
            Assert.Equal(3, results.RootElement[1].GetProperty("data").GetProperty("books").GetArrayLength());
        }

        var (status, _, body) = await host.PostAsync($"[{one},{one},{one}]");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("holds 3 requests; the limit is 2", body);
        await AssertStillServing(host);
    }

    [Fact]
    public async Task Execution_timeout()
    {
        await using var host = await Host(new ExecutionOptions { ExecutionTimeout = TimeSpan.FromMilliseconds(300) });
        var started = DateTime.UtcNow;
        var (status, _, body) = await host.QueryAsync("{ slow(ms: 20000, value: \"late\") }");
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(15), "the timeout did not cut the request short");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("EXECUTION_TIMEOUT", body);
        await AssertStillServing(host);
    }

    [Fact]
    public async Task Concurrent_executions()
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var schema = new GraphQL.Engine.Types.SchemaBuilder()
            .AddTypeDefinitions("type Query { blocking: String, authors: [A] } type A { name: String }")
            .AddResolver("Query", "blocking", async _ =>
            {
                started.TrySetResult();
                await gate.Task;
                return (object?)"released";
            })
            .AddResolver("Query", "authors", _ => new[] { new Dictionary<string, object?> { ["name"] = "Ursula" } })
            .Build();
        await using var host = await TestHost.StartAsync(schema, new GraphQLHttpOptions
        {
            Execution = new ExecutionOptions { MaxConcurrentExecutions = 1, ConcurrencyWait = TimeSpan.Zero },
        });
        var blocking = host.QueryAsync("{ blocking }");
        await started.Task.WaitAsync(TimeSpan.FromSeconds(30));

        var (status, _, body) = await host.QueryAsync(Normal);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Contains("maximum of 1 operations", body);

        gate.SetResult();
        Assert.Contains("released", (await blocking).Body);
        await AssertStillServing(host);
    }

    [Fact]
    public async Task The_work_of_each_request_is_reported_for_charging_its_sender()
    {
        var reports = new ConcurrentQueue<(string? Path, RequestWork Work)>();
        await using var host = await TestHost.StartAsync(options: new GraphQLHttpOptions
        {
            OnRequestWork = (http, work) =>
            {
                reports.Enqueue((http.Request.Path, work));
                return ValueTask.CompletedTask;
            },
        });
        await AssertStillServing(host);
        await AssertStillServing(host);
        await host.PostAsync("""[{"query":"{ authors { name } }"},{"query":"{ nope }"}]""");

        Assert.Collection(
            reports,
            first => Assert.True(first.Path == "/graphql" && first.Work.ValidationWork > 0 && first.Work.Cost == 10, first.ToString()),
            cached => Assert.Equal(new RequestWork(0, 10), cached.Work),
            batchedCached => Assert.Equal(new RequestWork(0, 10), batchedCached.Work),
            batchedInvalid => Assert.True(batchedInvalid.Work.ValidationWork > 0 && batchedInvalid.Work.Cost == 0, batchedInvalid.ToString()));
    }

    [Fact]
    public async Task Variables_nested_a_hundred_thousand_deep_are_refused_as_malformed_json()
    {
        await using var host = await Host();
        var variables = "{\"list\":" + new string('[', 100_000) + new string(']', 100_000) + "}";
        var (status, _, body) = await host.PostAsync("{\"query\":\"query($list: [Int]) { echo(list: $list) }\",\"variables\":" + variables + "}");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("maximum configured depth of 64", body);
        await AssertStillServing(host);
    }

    /// <summary>
    /// Issue 12 item 10: eight hostile documents posted at once used to cost about 0.9 s of CPU each and held a
    /// trivial query for 1.5 s. Now each is refused after a bounded amount of validation work (what the test
    /// asserts: the work charged to each request, which does not depend on the machine), and the ordinary query
    /// posted among them answers. How long it takes meanwhile is measured by the `graphql` bench suite, not here: a
    /// wall-clock bound failed in CI when another test assembly loaded both cores (1,051 ms against a 1 s bound).
    /// </summary>
    [Fact]
    public async Task Hostile_documents_posted_concurrently_do_not_hold_an_ordinary_query()
    {
        var charged = new ConcurrentBag<RequestWork>();
        await using var host = await TestHost.StartAsync(options: new GraphQLHttpOptions
        {
            OnRequestWork = (_, work) =>
            {
                charged.Add(work);
                return ValueTask.CompletedTask;
            },
        });
        await AssertStillServing(host);

        // Distinct texts, so the document cache cannot answer for them: four fragment chains, four sets of 1,000 fragments side by side.
        static string Chain(int n) =>
            $"{{ ...C{n}F0 }}\n" + string.Concat(Enumerable.Range(0, 1_600).Select(i => $"fragment C{n}F{i} on Query {{ ...C{n}F{i + 1} }}\n")) + $"fragment C{n}F1600 on Query {{ __typename }}";
        static string SideBySide(int n) =>
            "{ book(id: 1) { " + string.Concat(Enumerable.Range(0, 1_000).Select(i => $"...W{n}x{i} ")) + "} }\n"
            + string.Concat(Enumerable.Range(0, 1_000).Select(i => $"fragment W{n}x{i} on Book {{ id }}\n"));
        var hostile = Enumerable.Range(0, 8).Select(n => host.QueryAsync(n % 2 == 0 ? Chain(n) : SideBySide(n))).ToList();

        var (status, _, body) = await host.QueryAsync(Normal);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("Ursula", body);

        var refusals = await Task.WhenAll(hostile);
        for (var n = 0; n < refusals.Length; n++)
        {
            Assert.Equal(HttpStatusCode.BadRequest, refusals[n].Status);
            Assert.Contains(n % 2 == 0 ? "nests fragment spreads 1601 levels deep" : "DOCUMENT_TOO_COMPLEX", refusals[n].Body);
        }

        Assert.Equal(1 + 8 + 1, charged.Count);
        Assert.All(charged, work => Assert.InRange(work.ValidationWork, 0, ExecutionOptions.Default.MaxValidationWork + 1));
    }
}

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
}

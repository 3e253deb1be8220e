using GraphQL.Engine.Execution;
using GraphQL.Engine.Types;

namespace GraphQL.Engine.Tests.Execution;

public class DataLoaderTests
{
    private const string Sdl = """
        type Query { posts(count: Int!): [Post!]! }
        type Post { id: ID! author: User slowAuthor: User }
        type User { id: ID! name: String! friends: [User!]! }
        """;

    private static readonly Dictionary<string, string> Names = Enumerable.Range(0, 5).ToDictionary(i => $"u{i}", i => $"User {i}");

    private static Schema Build(List<IReadOnlyList<string>> fetches) => new SchemaBuilder()
        .AddTypeDefinitions(Sdl)
        .AddResolver("Query", "posts", c => Enumerable.Range(0, c.Argument<int>("count")).Select(i => new Dictionary<string, object?> { ["id"] = $"p{i}", ["authorId"] = $"u{i % 5}" }))
        .AddResolver("Post", "author", async c => await Users(c, fetches).LoadAsync((string)((IReadOnlyDictionary<string, object?>)c.Parent!)["authorId"]!))
        .AddResolver("Post", "slowAuthor", async c =>
        {
            // Own I/O first: the load happens outside the executor's synchronous phase.
            await Task.Delay(10, c.CancellationToken);
            return await Users(c, fetches).LoadAsync((string)((IReadOnlyDictionary<string, object?>)c.Parent!)["authorId"]!);
        })
        .AddResolver("User", "friends", async c =>
        {
            var self = (string)((IReadOnlyDictionary<string, object?>)c.Parent!)["id"]!;
            var friendIds = Names.Keys.Where(k => k != self).Take(2);
            return await Users(c, fetches).LoadManyAsync(friendIds);
        })
        .Build();

    private static GraphQL.Engine.Execution.Batching.DataLoader<string, IReadOnlyDictionary<string, object?>> Users(IResolverContext context, List<IReadOnlyList<string>> fetches) =>
        context.DataLoader<string, IReadOnlyDictionary<string, object?>>("users", async (keys, ct) =>
        {
            lock (fetches)
                fetches.Add(keys);
            await Task.Delay(5, ct);
            return keys.Where(Names.ContainsKey).ToDictionary(k => k, k => (IReadOnlyDictionary<string, object?>)new Dictionary<string, object?> { ["id"] = k, ["name"] = Names[k] });
        });

    [Fact]
    public async Task Resolving_a_field_on_many_objects_makes_one_batched_call_per_level()
    {
        var fetches = new List<IReadOnlyList<string>>();
        var result = await new DocumentExecutor(Build(fetches)).ExecuteAsync(new GraphQLRequest("{ posts(count: 50) { id author { name friends { name } } } }"));
        Assert.Null(result.Errors);
        var posts = (List<object?>)result.Data!["posts"]!;
        Assert.Equal(50, posts.Count);
        Assert.Equal("User 3", ((IReadOnlyDictionary<string, object?>)((IReadOnlyDictionary<string, object?>)posts[8]!)["author"]!)["name"]);
        // Level 1: the 5 distinct authors of 50 posts, once each. Level 2: their friends not yet cached.
        Assert.Equal(5, fetches[0].Count);
        Assert.Equal(fetches[0].Count, fetches[0].Distinct().Count());
        Assert.True(fetches.Count <= 2, $"expected at most 2 fetches, got {fetches.Count}: {string.Join(" / ", fetches.Select(f => string.Join(",", f)))}");
    }

    [Fact]
    public async Task Loads_after_a_resolvers_own_io_still_complete_and_are_cached()
    {
        var fetches = new List<IReadOnlyList<string>>();
        var result = await new DocumentExecutor(Build(fetches)).ExecuteAsync(new GraphQLRequest("{ posts(count: 20) { slowAuthor { id } author { id } } }"));
        Assert.Null(result.Errors);
        Assert.Equal(20, ((List<object?>)result.Data!["posts"]!).Count);
        Assert.Equal(5, fetches.SelectMany(f => f).Distinct().Count());
        Assert.Equal(5, fetches.Sum(f => f.Count));
    }

    [Fact]
    public async Task Each_request_has_its_own_cache()
    {
        var fetches = new List<IReadOnlyList<string>>();
        var executor = new DocumentExecutor(Build(fetches));
        await executor.ExecuteAsync(new GraphQLRequest("{ posts(count: 5) { author { id } } }"));
        await executor.ExecuteAsync(new GraphQLRequest("{ posts(count: 5) { author { id } } }"));
        Assert.Equal(2, fetches.Count);
    }
}

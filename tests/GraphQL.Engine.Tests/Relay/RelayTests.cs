using System.Text.Json;
using GraphQL.Engine.Relay;
using GraphQL.Engine.Types;

namespace GraphQL.Engine.Tests.Relay;

public class RelayTests
{
    private sealed record User(string Key, string Name);

    private static readonly List<User> Users = [.. Enumerable.Range(1, 250).Select(i => new User($"u{i}", $"User {i}"))];

    private static Schema Build() => new SchemaBuilder()
        .AddTypeDefinitions("""
            type Query { users(first: Int, after: String, last: Int, before: String): UserConnection! }
            type User implements Node { id: ID! name: String! }
            type UserConnection { edges: [UserEdge!]! nodes: [User!]! pageInfo: PageInfo! totalCount: Int }
            type UserEdge { node: User! cursor: String! }
            """)
        .AddRelay((type, id, _) => new ValueTask<object?>(type == "User" ? Users.FirstOrDefault(u => u.Key == id) : null))
        .AddGlobalId("User", user => ((User)user).Key)
        .AddResolver("Query", "users", c => Connection.FromList(Users, ConnectionArguments.From(c)))
        .Build();

    private static Task<JsonElement> Run(string query, object? variables = null) => TestSchema.Run(Build(), query, variables);

    [Fact]
    public async Task Pages_forward_and_backward_with_opaque_cursors()
    {
        var first = await Run("{ users(first: 2) { edges { cursor node { name } } pageInfo { hasNextPage hasPreviousPage endCursor } totalCount } }");
        var page = first.GetProperty("data").GetProperty("users");
        Assert.Equal(["User 1", "User 2"], page.GetProperty("edges").EnumerateArray().Select(e => e.GetProperty("node").GetProperty("name").GetString()));
        Assert.True(page.GetProperty("pageInfo").GetProperty("hasNextPage").GetBoolean());
        Assert.False(page.GetProperty("pageInfo").GetProperty("hasPreviousPage").GetBoolean());
        Assert.Equal(250, page.GetProperty("totalCount").GetInt32());

        var after = page.GetProperty("pageInfo").GetProperty("endCursor").GetString();
        var next = await Run("query($a: String) { users(first: 2, after: $a) { nodes { name } pageInfo { hasPreviousPage } } }", new { a = after });
        Assert.Equal(["User 3", "User 4"], next.GetProperty("data").GetProperty("users").GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("name").GetString()));
        Assert.True(next.GetProperty("data").GetProperty("users").GetProperty("pageInfo").GetProperty("hasPreviousPage").GetBoolean());

        var last = await Run("{ users(last: 3) { nodes { name } pageInfo { hasNextPage hasPreviousPage } } }");
        Assert.Equal(["User 248", "User 249", "User 250"], last.GetProperty("data").GetProperty("users").GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("name").GetString()));
        Assert.True(last.GetProperty("data").GetProperty("users").GetProperty("pageInfo").GetProperty("hasPreviousPage").GetBoolean());
    }

    [Fact]
    public async Task Page_size_is_capped_at_100_and_missing_size_defaults_to_it()
    {
        var tooMany = await Run("{ users(first: 101) { totalCount } }");
        Assert.Contains("\"first\" must be between 0 and 100", JsonSerializer.Serialize(tooMany.GetProperty("errors")[0].GetProperty("message").GetString()).Replace("\\u0022", "\""));
        var unbounded = await Run("{ users { nodes { name } } }");
        Assert.Equal(100, unbounded.GetProperty("data").GetProperty("users").GetProperty("nodes").GetArrayLength());
        var badCursor = await Run("{ users(first: 1, after: \"nope\") { totalCount } }");
        Assert.Equal("BAD_USER_INPUT", badCursor.GetProperty("errors")[0].GetProperty("extensions").GetProperty("code").GetString());
    }

    [Fact]
    public async Task Node_and_nodes_refetch_by_global_id()
    {
        var listed = await Run("{ users(first: 1) { nodes { id } } }");
        var id = listed.GetProperty("data").GetProperty("users").GetProperty("nodes")[0].GetProperty("id").GetString()!;
        Assert.NotEqual("u1", id);
        Assert.Equal(("User", "u1"), GlobalId.Decode(id));

        var node = await Run("query($id: ID!) { node(id: $id) { id ... on User { name } } }", new { id });
        Assert.Equal("User 1", node.GetProperty("data").GetProperty("node").GetProperty("name").GetString());
        var nodes = await Run("query($ids: [ID!]!) { nodes(ids: $ids) { id } }", new { ids = new[] { id, "garbage", GlobalId.Encode("User", "missing") } });
        Assert.Equal("[{\"id\":\"" + id + "\"},null,null]", nodes.GetProperty("data").GetProperty("nodes").GetRawText());
        var invalid = await Run("{ node(id: \"###\") { id } }");
        Assert.Equal("BAD_USER_INPUT", invalid.GetProperty("errors")[0].GetProperty("extensions").GetProperty("code").GetString());
    }
}

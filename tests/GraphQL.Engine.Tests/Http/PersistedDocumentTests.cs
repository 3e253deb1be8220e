using System.Net;
using GraphQL.Engine.Execution;
using GraphQL.Engine.Http;
using GraphQL.Engine.Http.Persisted;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace GraphQL.Engine.Tests.Http;

public class PersistedDocumentTests
{
    private const string Authors = "{ authors { name } }";

    [Fact]
    public async Task Runs_documents_by_id_and_explains_unknown_or_malformed_ids()
    {
        var store = new InMemoryPersistedDocumentStore();
        var id = store.Add(Authors);
        Assert.Equal(DocumentHash.Of(Authors), id);
        await using var host = await TestHost.StartAsync(options: new GraphQLHttpOptions { PersistedDocuments = store });

        var (status, _, body) = await host.PostAsync($$"""{"documentId":"{{id}}"}""");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("Ursula", body);

        var (getStatus, _, getBody) = await host.Client.GetAsync("/graphql?documentId=" + Uri.EscapeDataString(id)) is var response
            ? (response.StatusCode, (string?)null, await response.Content.ReadAsStringAsync())
            : default;
        Assert.Equal(HttpStatusCode.OK, getStatus);
        Assert.Contains("Ursula", getBody);

        var (unknown, _, unknownBody) = await host.PostAsync($$"""{"documentId":"sha256:{{new string('a', 64)}}"}""");
        Assert.Equal(HttpStatusCode.BadRequest, unknown);
        Assert.Contains("PERSISTED_DOCUMENT_NOT_FOUND", unknownBody);
        var (malformed, _, malformedBody) = await host.PostAsync("""{"documentId":"md5:abc"}""");
        Assert.Equal(HttpStatusCode.BadRequest, malformed);
        Assert.Contains("must be sha256:<64 lowercase hex digits>", malformedBody);

        // Without allow-list mode, ad-hoc documents still run.
        var (adHoc, _, _) = await host.QueryAsync("{ books { id } }");
        Assert.Equal(HttpStatusCode.OK, adHoc);
    }

    [Fact]
    public async Task Allow_list_mode_can_differ_per_caller()
    {
        var store = new PerCallerStore();
        var id = store.Documents.Add(Authors);
        await using var host = await TestHost.StartAsync(
            options: new GraphQLHttpOptions { PersistedDocuments = store },
            services: s => s.AddHttpContextAccessor());

        using var strict = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = new StringContent("""{"query":"{ books { id } }"}""", System.Text.Encoding.UTF8, "application/json") };
        strict.Headers.Add("X-Caller", "strict");
        using var refused = await host.Client.SendAsync(strict);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("PERSISTED_DOCUMENT_REQUIRED", await refused.Content.ReadAsStringAsync());

        using var allowedText = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = new StringContent($$"""{"query":"{{Authors}}"}""", System.Text.Encoding.UTF8, "application/json") };
        allowedText.Headers.Add("X-Caller", "strict");
        using var allowed = await host.Client.SendAsync(allowedText);
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);

        var (relaxed, _, _) = await host.QueryAsync("{ books { id } }");
        Assert.Equal(HttpStatusCode.OK, relaxed);
        var (byId, _, _) = await host.PostAsync($$"""{"documentId":"{{id}}"}""");
        Assert.Equal(HttpStatusCode.OK, byId);
    }

    private static readonly string AuthorsHash = DocumentHash.Of(Authors)[DocumentHash.Prefix.Length..];

    private static string Automatic(string? query, string hash = "") =>
        System.Text.Json.JsonSerializer.Serialize(new { query, extensions = new { persistedQuery = new { version = 1, sha256Hash = hash.Length > 0 ? hash : AuthorsHash } } });

    private static async Task<(HttpStatusCode Status, string Body)> AsCaller(TestHost host, string caller, string json)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json") };
        request.Headers.Add("X-Caller", caller);
        using var response = await host.Client.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private static Task<TestHost> AutomaticHost(IPersistedDocumentStore? store = null) => TestHost.StartAsync(
        options: new GraphQLHttpOptions
        {
            PersistedDocuments = store,
            AutomaticPersistedQueries = new AutomaticPersistedQueryOptions
            {
                Partition = services => services.GetRequiredService<IHttpContextAccessor>().HttpContext!.Request.Headers["X-Caller"].ToString(),
            },
        },
        services: s => s.AddHttpContextAccessor());

    [Fact]
    public async Task Automatic_persisted_queries_follow_apollos_handshake_per_partition()
    {
        await using var host = await AutomaticHost();

        var (unknown, unknownBody) = await AsCaller(host, "a", Automatic(null));
        var (registered, registeredBody) = await AsCaller(host, "a", Automatic(Authors));
        var (byHash, byHashBody) = await AsCaller(host, "a", Automatic(null));
        var (otherCaller, otherBody) = await AsCaller(host, "b", Automatic(null));
        using var get = await host.Client.GetAsync("/graphql?extensions=" + Uri.EscapeDataString(
            $$$"""{"persistedQuery":{"version":1,"sha256Hash":"{{{AuthorsHash}}}"}}"""));

        Assert.True(unknown == HttpStatusCode.BadRequest, $"unknown hash: {(int)unknown} {unknownBody}");
        Assert.Contains("\"PersistedQueryNotFound\"", unknownBody);
        Assert.Contains("PERSISTED_QUERY_NOT_FOUND", unknownBody);
        Assert.True(registered == HttpStatusCode.OK && registeredBody.Contains("Ursula"), $"registering: {(int)registered} {registeredBody}");
        Assert.True(byHash == HttpStatusCode.OK && byHashBody.Contains("Ursula"), $"by hash: {(int)byHash} {byHashBody}");
        // Another partition never sees what this one sent, even by guessing the hash.
        Assert.True(otherCaller == HttpStatusCode.BadRequest, $"other caller: {(int)otherCaller} {otherBody}");
        Assert.Contains("PERSISTED_QUERY_NOT_FOUND", otherBody);
        // A GET without X-Caller is the empty partition, which holds nothing yet.
        Assert.Contains("PERSISTED_QUERY_NOT_FOUND", await get.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_hash_that_is_not_the_querys_is_refused_and_nothing_is_remembered()
    {
        await using var host = await AutomaticHost();
        var wrong = new string('b', 64);

        var (status, body) = await AsCaller(host, "a", Automatic(Authors, wrong));
        var (later, _) = await AsCaller(host, "a", Automatic(null, wrong));
        var (malformed, malformedBody) = await AsCaller(host, "a", Automatic(null, "ABC"));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("is not the SHA-256 of the query", body);
        Assert.Equal(HttpStatusCode.BadRequest, later);
        Assert.Equal(HttpStatusCode.BadRequest, malformed);
        Assert.Contains("64 lowercase hex digits", malformedBody);
    }

    [Fact]
    public async Task Persisted_documents_answer_hashes_and_the_allow_list_keeps_other_texts_out_of_the_cache()
    {
        var store = new PerCallerStore();
        store.Documents.Add(Authors);
        await using var host = await AutomaticHost(store);
        const string Books = "{ books { id } }";
        var booksHash = DocumentHash.Of(Books)[DocumentHash.Prefix.Length..];

        var (persisted, persistedBody) = await AsCaller(host, "strict", Automatic(null));
        var (refused, refusedBody) = await AsCaller(host, "strict", Automatic(Books, booksHash));
        var (notRemembered, _) = await AsCaller(host, "strict", Automatic(null, booksHash));

        Assert.Equal(HttpStatusCode.OK, persisted);
        Assert.Contains("Ursula", persistedBody);
        Assert.Equal(HttpStatusCode.BadRequest, refused);
        Assert.Contains("PERSISTED_DOCUMENT_REQUIRED", refusedBody);
        Assert.Equal(HttpStatusCode.BadRequest, notRemembered);
    }

    [Fact]
    public async Task Without_automatic_persisted_queries_a_bare_hash_is_not_supported_and_a_full_query_still_runs()
    {
        await using var host = await TestHost.StartAsync();

        var (bare, _, bareBody) = await host.PostAsync(Automatic(null));
        var (full, _, fullBody) = await host.PostAsync(Automatic(Authors));

        Assert.Equal(HttpStatusCode.BadRequest, bare);
        Assert.Contains("PERSISTED_QUERY_NOT_SUPPORTED", bareBody);
        Assert.Equal(HttpStatusCode.OK, full);
        Assert.Contains("Ursula", fullBody);
    }

    private sealed class PerCallerStore : IPersistedDocumentStore
    {
        public InMemoryPersistedDocumentStore Documents { get; } = new();

        public ValueTask<string?> FindAsync(string documentId, IServiceProvider services, CancellationToken cancellationToken) =>
            Documents.FindAsync(documentId, services, cancellationToken);

        public ValueTask<bool> RequiresAllowListAsync(IServiceProvider services, CancellationToken cancellationToken) =>
            ValueTask.FromResult(services.GetRequiredService<IHttpContextAccessor>().HttpContext!.Request.Headers["X-Caller"] == "strict");
    }
}

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

    private sealed class PerCallerStore : IPersistedDocumentStore
    {
        public InMemoryPersistedDocumentStore Documents { get; } = new();

        public ValueTask<string?> FindAsync(string documentId, IServiceProvider services, CancellationToken cancellationToken) =>
            Documents.FindAsync(documentId, services, cancellationToken);

        public ValueTask<bool> RequiresAllowListAsync(IServiceProvider services, CancellationToken cancellationToken) =>
            ValueTask.FromResult(services.GetRequiredService<IHttpContextAccessor>().HttpContext!.Request.Headers["X-Caller"] == "strict");
    }
}

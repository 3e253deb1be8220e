using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace EndToEnd.Tests;

/// <summary>Persisted documents and the per-tenant allow-list (issue 4, item 7), through the gateway of one running system.</summary>
[Collection(SystemCollection.Name)]
public sealed class PersistedDocumentsTests(SystemFixture system) : IClassFixture<SystemFixture>
{
    private const string ReadCustomer = "query Read($id: ID!) { customer(id: $id) { id name } }";
    private const string Documents = "/api/persisted-documents";

    private CrmClient Client => system.Client;

    private static string IdOf(string document) => "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(document)));

    private async Task<string> PersistAsync(string apiKey, string document)
    {
        var (status, body) = await Client.SendJsonAsync(HttpMethod.Post, Documents, apiKey, new { documents = new[] { document } });
        Assert.True(status == HttpStatusCode.OK, $"{Documents} answered {(int)status}: {body}");
        return (string)body["documentIds"]![0]!;
    }

    private async Task SetAllowListOnlyAsync(string apiKey, bool enabled)
    {
        var (status, body) = await Client.SendJsonAsync(HttpMethod.Put, Documents + "/allow-list-only", apiKey, new { enabled });
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(enabled, (bool)body["allowListOnly"]!);
    }

    private async Task<string> CreateCustomerAsync(string apiKey)
    {
        var (_, body) = await Client.GraphQLAsync(apiKey, """mutation { createCustomer(input: {name: "Grace", email: "grace@example.com"}) { customer { id } } }""");
        return (string)body["data"]!["createCustomer"]!["customer"]!["id"]!;
    }

    private static string? ErrorCode(JsonNode body) => (string?)body["errors"]?[0]?["extensions"]?["code"];

    [Fact]
    public async Task A_persisted_document_runs_by_its_sha256_id()
    {
        var tenant = await Client.SignUpAsync("Persisting Co");
        var customerId = await CreateCustomerAsync(tenant.ApiKey);

        var documentId = await PersistAsync(tenant.ApiKey, ReadCustomer);
        var (status, body) = await Client.GraphQLRequestAsync(tenant.ApiKey, new { documentId, variables = new { id = customerId } });

        Assert.Equal(IdOf(ReadCustomer), documentId);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Grace", (string?)body["data"]!["customer"]!["name"]);
    }

    [Fact]
    public async Task In_allow_list_mode_only_persisted_documents_run_and_only_for_that_tenant()
    {
        var strict = await Client.SignUpAsync("Strict Co");
        var relaxed = await Client.SignUpAsync("Relaxed Co");
        var customerId = await CreateCustomerAsync(strict.ApiKey);
        var documentId = await PersistAsync(strict.ApiKey, ReadCustomer);

        await SetAllowListOnlyAsync(strict.ApiKey, true);

        var (adHocStatus, adHoc) = await Client.GraphQLAsync(strict.ApiKey, "{ __typename }");
        Assert.Equal(HttpStatusCode.BadRequest, adHocStatus);
        Assert.Equal("PERSISTED_DOCUMENT_REQUIRED", ErrorCode(adHoc));
        Assert.Null(adHoc["data"]);
        // The same text as a persisted document is allowed, sent in full or by id.
        var (_, byText) = await Client.GraphQLAsync(strict.ApiKey, ReadCustomer, new { id = customerId });
        Assert.Equal("Grace", (string?)byText["data"]!["customer"]!["name"]);
        var (_, byId) = await Client.GraphQLRequestAsync(strict.ApiKey, new { documentId, variables = new { id = customerId } });
        Assert.Equal("Grace", (string?)byId["data"]!["customer"]!["name"]);

        // Another tenant neither inherits the mode nor sees the document.
        var (_, otherAdHoc) = await Client.GraphQLAsync(relaxed.ApiKey, "{ __typename }");
        Assert.Equal("Query", (string?)otherAdHoc["data"]!["__typename"]);
        var (otherStatus, otherById) = await Client.GraphQLRequestAsync(relaxed.ApiKey, new { documentId, variables = new { id = customerId } });
        Assert.Equal(HttpStatusCode.BadRequest, otherStatus);
        Assert.Equal("PERSISTED_DOCUMENT_NOT_FOUND", ErrorCode(otherById));

        await SetAllowListOnlyAsync(strict.ApiKey, false);
        var (_, again) = await Client.GraphQLAsync(strict.ApiKey, "{ __typename }");
        Assert.Equal("Query", (string?)again["data"]!["__typename"]);
    }

    [Fact]
    public async Task A_document_that_would_not_run_is_refused_with_its_error_and_nothing_is_kept()
    {
        var tenant = await Client.SignUpAsync("Careful Co");

        var (status, body) = await Client.SendJsonAsync(HttpMethod.Post, Documents, tenant.ApiKey,
            new { documents = new[] { "{ __typename }", "{ customer(id: 1) { nope } }" } });

        Assert.Equal(HttpStatusCode.BadRequest, status);
        var error = (string)body["errors"]!["documents[1]"]![0]!;
        Assert.Contains("nope", error);
        Assert.Contains("line 1", error);
        var (_, settings) = await Client.SendJsonAsync(HttpMethod.Get, Documents, tenant.ApiKey);
        Assert.Equal(0, (int)settings["documentCount"]!);
    }

    [Fact]
    public async Task A_removed_document_no_longer_runs()
    {
        var tenant = await Client.SignUpAsync("Tidy Co");
        var documentId = await PersistAsync(tenant.ApiKey, "{ __typename }");

        var (removed, _) = await Client.SendJsonAsync(HttpMethod.Delete, $"{Documents}/{documentId}", tenant.ApiKey);
        var (removedAgain, _) = await Client.SendJsonAsync(HttpMethod.Delete, $"{Documents}/{documentId}", tenant.ApiKey);
        var (_, body) = await Client.GraphQLRequestAsync(tenant.ApiKey, new { documentId });

        Assert.Equal(HttpStatusCode.NoContent, removed);
        Assert.Equal(HttpStatusCode.NotFound, removedAgain);
        Assert.Equal("PERSISTED_DOCUMENT_NOT_FOUND", ErrorCode(body));
    }

    [Fact]
    public async Task Apollo_automatic_persisted_queries_are_remembered_for_one_tenant_only()
    {
        var first = await Client.SignUpAsync("Apollo Co");
        var second = await Client.SignUpAsync("Other Apollo Co");
        const string Query = "{ __typename }";
        var persistedQuery = new { version = 1, sha256Hash = IdOf(Query)["sha256:".Length..] };

        var (_, unknown) = await Client.GraphQLRequestAsync(first.ApiKey, new { extensions = new { persistedQuery } });
        var (_, registered) = await Client.GraphQLRequestAsync(first.ApiKey, new { query = Query, extensions = new { persistedQuery } });
        var (_, byHash) = await Client.GraphQLRequestAsync(first.ApiKey, new { extensions = new { persistedQuery } });
        var (_, otherTenant) = await Client.GraphQLRequestAsync(second.ApiKey, new { extensions = new { persistedQuery } });

        Assert.Equal("PERSISTED_QUERY_NOT_FOUND", ErrorCode(unknown));
        Assert.Equal("Query", (string?)registered["data"]!["__typename"]);
        Assert.Equal("Query", (string?)byHash["data"]!["__typename"]);
        Assert.Equal("PERSISTED_QUERY_NOT_FOUND", ErrorCode(otherTenant));
    }

    [Fact]
    public async Task Without_a_key_the_documents_api_answers_401()
    {
        var (status, _) = await Client.SendJsonAsync(HttpMethod.Get, Documents, apiKey: null);

        Assert.Equal(HttpStatusCode.Unauthorized, status);
    }
}

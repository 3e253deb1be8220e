using System.Buffers.Text;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;

namespace EndToEnd.Tests;

/// <summary>Item 4 of the foundation issue, through the gateway of one running system.</summary>
[Collection(SystemCollection.Name)]
public sealed class TenantAndCustomerTests(SystemFixture system) : IClassFixture<SystemFixture>
{
    private const string CreateWithLiterals =
        """mutation { createCustomer(input: {name: "Ada Lovelace", email: "ada@example.com"}) { customer { id name email } } }""";
    private const string CreateWithVariables =
        "mutation($i: CreateCustomerInput!) { createCustomer(input: $i) { customer { id name email } } }";
    private const string ReadCustomer = "query($id: ID!) { customer(id: $id) { id name email } }";
    private const string ReadNode = "query($id: ID!) { node(id: $id) { __typename id ... on Customer { name } } }";

    private CrmClient Client => system.Client;

    [Fact]
    public async Task Sign_up_answers_201_with_the_tenant_its_slug_and_an_api_key()
    {
        var tenant = await Client.SignUpAsync("Acme Göteborg AB");

        Assert.Matches("^[0-9a-f]{32}$", tenant.TenantId);
        Assert.StartsWith("acme-goteborg-ab", tenant.Slug);
        Assert.StartsWith($"crm_{tenant.TenantId}_", tenant.ApiKey);
    }

    [Fact]
    public async Task Two_companies_with_the_same_name_get_different_slugs()
    {
        var first = await Client.SignUpAsync("Twin Widgets");
        var second = await Client.SignUpAsync("Twin Widgets");

        Assert.NotEqual(first.Slug, second.Slug);
        Assert.NotEqual(first.TenantId, second.TenantId);
    }

    [Fact]
    public async Task Sign_up_with_bad_input_answers_400_naming_every_bad_field()
    {
        using var response = await Client.PostRawAsync("/api/tenants", new { companyName = " ", adminEmail = "not-an-email", password = "short" });
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = body["errors"]!.AsObject();
        Assert.True(errors.ContainsKey("companyName"));
        Assert.True(errors.ContainsKey("adminEmail"));
        Assert.True(errors.ContainsKey("password"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("not-a-key")]
    [InlineData("crm_00000000000000000000000000000000_forged-secret")]
    public async Task GraphQL_without_a_valid_key_answers_401_and_no_data(string? apiKey)
    {
        var (status, body) = await Client.GraphQLAsync(apiKey, CreateWithLiterals);

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Null(body["data"]);
        Assert.Equal("UNAUTHENTICATED", (string?)body["errors"]![0]!["extensions"]!["code"]);
    }

    [Fact]
    public async Task A_key_with_the_right_tenant_but_a_wrong_secret_is_refused()
    {
        var tenant = await Client.SignUpAsync("Secretive Ltd");

        var (status, _) = await Client.GraphQLAsync($"crm_{tenant.TenantId}_wrong-secret", CreateWithLiterals);

        Assert.Equal(HttpStatusCode.Unauthorized, status);
    }

    [Fact]
    public async Task A_customer_created_with_literals_reads_back_by_id()
    {
        var tenant = await Client.SignUpAsync("Literal Co");

        var (status, created) = await Client.GraphQLAsync(tenant.ApiKey, CreateWithLiterals);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Null(created["errors"]);
        var customer = created["data"]!["createCustomer"]!["customer"]!;
        Assert.Equal("Ada Lovelace", (string?)customer["name"]);
        Assert.Equal("ada@example.com", (string?)customer["email"]);

        var (_, read) = await Client.GraphQLAsync(tenant.ApiKey, ReadCustomer, new { id = (string)customer["id"]! });
        Assert.Equal(customer.ToJsonString(), read["data"]!["customer"]!.ToJsonString());
    }

    [Fact]
    public async Task A_deleted_customer_leaves_no_row_in_the_clusters_store_not_even_its_key()
    {
        var tenant = await Client.SignUpAsync("Forgetful Co");
        var (_, created) = await Client.GraphQLAsync(tenant.ApiKey, CreateWithLiterals);
        var id = (string)created["data"]!["createCustomer"]!["customer"]!["id"]!;
        var grainKey = $"{tenant.TenantId}/{Encoding.UTF8.GetString(Base64Url.DecodeFromChars(id)).Split(':', 2)[1]}";
        Assert.Equal(1, StoredStates(grainKey));

        var (_, deleted) = await Client.GraphQLAsync(tenant.ApiKey, "mutation($id: ID!) { deleteCustomer(input: {id: $id}) { deletedId errors { message } } }", new { id });

        Assert.Equal(id, (string?)deleted["data"]!["deleteCustomer"]!["deletedId"]);
        Assert.Equal(0, StoredStates(grainKey));
    }

    /// <summary>Rows of the grain's state in the default (SQLite) store, read as an operator would, beside the running silos.</summary>
    private long StoredStates(string grainKey)
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(system.DataDirectory, "cluster.db")};Mode=ReadOnly");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM orleans_grain_state WHERE grain_key = @key";
        command.Parameters.AddWithValue("@key", grainKey);
        return (long)command.ExecuteScalar()!;
    }

    [Fact]
    public async Task A_customer_created_with_variables_reads_back_by_id()
    {
        var tenant = await Client.SignUpAsync("Variable Co");

        var (_, created) = await Client.GraphQLAsync(tenant.ApiKey, CreateWithVariables, new { i = new { name = "Grace Hopper", email = "grace@example.com" } });
        var id = (string)created["data"]!["createCustomer"]!["customer"]!["id"]!;

        var (_, read) = await Client.GraphQLAsync(tenant.ApiKey, ReadCustomer, new { id });
        Assert.Equal("Grace Hopper", (string?)read["data"]!["customer"]!["name"]);
        Assert.Equal("grace@example.com", (string?)read["data"]!["customer"]!["email"]);
    }

    [Fact]
    public async Task One_tenant_cannot_see_another_tenants_customer()
    {
        var owner = await Client.SignUpAsync("Owner Inc");
        var other = await Client.SignUpAsync("Other Inc");
        var (_, created) = await Client.GraphQLAsync(owner.ApiKey, CreateWithLiterals);
        var id = (string)created["data"]!["createCustomer"]!["customer"]!["id"]!;

        var (status, read) = await Client.GraphQLAsync(other.ApiKey, ReadCustomer, new { id });
        var (_, byNode) = await Client.GraphQLAsync(other.ApiKey, ReadNode, new { id });

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(JsonValueKind.Null, read["data"]!["customer"]?.GetValueKind() ?? JsonValueKind.Null);
        Assert.Equal(JsonValueKind.Null, byNode["data"]!["node"]?.GetValueKind() ?? JsonValueKind.Null);
    }

    [Fact]
    public async Task A_customer_is_a_relay_node_found_by_its_opaque_global_id()
    {
        var tenant = await Client.SignUpAsync("Relay Co");
        var (_, created) = await Client.GraphQLAsync(tenant.ApiKey, CreateWithLiterals);
        var id = (string)created["data"]!["createCustomer"]!["customer"]!["id"]!;

        var (_, node) = await Client.GraphQLAsync(tenant.ApiKey, ReadNode, new { id });
        var (_, nodes) = await Client.GraphQLAsync(tenant.ApiKey,
            "query($ids: [ID!]!) { nodes(ids: $ids) { id ... on Customer { name } } }", new { ids = new[] { "bm90LW91cnM", id } });
        var (badStatus, bad) = await Client.GraphQLAsync(tenant.ApiKey, ReadNode, new { id = "not an id" });

        Assert.Equal("Customer", (string?)node["data"]!["node"]!["__typename"]);
        Assert.Equal("Ada Lovelace", (string?)node["data"]!["node"]!["name"]);
        Assert.Null(nodes["data"]!["nodes"]![0]);
        Assert.Equal(id, (string?)nodes["data"]!["nodes"]![1]!["id"]);
        Assert.Equal(HttpStatusCode.OK, badStatus);
        Assert.Equal("BAD_USER_INPUT", (string?)bad["errors"]![0]!["extensions"]!["code"]);
    }

    [Fact]
    public async Task A_customer_with_a_bad_email_is_refused_with_a_clear_error_and_nothing_is_created()
    {
        var tenant = await Client.SignUpAsync("Careful Co");

        var (status, body) = await Client.GraphQLAsync(tenant.ApiKey,
            "mutation($i: CreateCustomerInput!) { createCustomer(input: $i) { customer { id } errors { __typename message path } } }",
            new { i = new { name = "Bob", email = "bob-at-example" } });

        // A user's mistake is a typed error in the payload, on its field; only faults are GraphQL errors.
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Null(body["errors"]);
        var payload = body["data"]!["createCustomer"]!;
        Assert.Null(payload["customer"]);
        var error = payload["errors"]![0]!;
        Assert.Equal("ValidationError", (string?)error["__typename"]);
        Assert.Contains("bob-at-example", (string?)error["message"]);
        Assert.Equal(["input", "email"], error["path"]!.AsArray().Select(p => (string?)p));
    }

    [Fact]
    public async Task A_query_that_breaks_the_schema_is_refused_with_its_location()
    {
        var tenant = await Client.SignUpAsync("Typo Co");

        var (status, body) = await Client.GraphQLAsync(tenant.ApiKey, "{ customer(id: \"x\") { id nmae } }");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Null(body["data"]);
        Assert.Contains("nmae", (string?)body["errors"]![0]!["message"]);
        Assert.Equal(1, (int?)body["errors"]![0]!["locations"]![0]!["line"]);
    }

    [Fact]
    public async Task The_gateway_reports_healthy_once_the_services_behind_it_are_ready()
    {
        using var response = await Client.GetAsync("/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task A_browser_gets_the_GraphQL_IDE_through_the_gateway_without_a_key()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/graphql");
        request.Headers.Add("Accept", "text/html,application/xhtml+xml");

        using var response = await Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<html", await response.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
    }
}

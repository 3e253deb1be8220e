using System.Buffers.Text;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Crm.ServiceDefaults.Tenancy;

namespace EndToEnd.Tests.Tenancy;

/// <summary>
/// Two tenants, A and B. B tries every way we know to reach A's customers: guessed and forged ids, forged and replayed
/// internal headers, calls around the gateway, batches and aliases. Every attempt fails and answers none of A's data.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class IsolationTests(SystemFixture system) : IClassFixture<SystemFixture>, IAsyncLifetime
{
    private const string Secret = "Ada's private note";
    private CrmClient.Tenant _a = null!;
    private CrmClient.Tenant _b = null!;
    private string _aCustomer = null!;
    private string _bCustomer = null!;

    private CrmClient Client => system.Client;

    public async Task InitializeAsync()
    {
        _a = await Client.SignUpAsync("Tenant A");
        _b = await Client.SignUpAsync("Tenant B");
        _aCustomer = await CreateAsync(_a, "Ada Lovelace", Secret);
        _bCustomer = await CreateAsync(_b, "Bob Byte", "bob");
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<string> CreateAsync(CrmClient.Tenant tenant, string name, string tag)
    {
        var (_, body) = await Client.GraphQLAsync(tenant.ApiKey,
            "mutation($i: CreateCustomerInput!) { createCustomer(input: $i) { customer { id } } }", new { i = new { name, tags = new[] { tag } } });
        return (string)body["data"]!["createCustomer"]!["customer"]!["id"]!;
    }

    private void AssertNothingOfA(JsonNode body)
    {
        var text = body.ToJsonString();
        Assert.DoesNotContain("Ada", text);
        Assert.DoesNotContain(Secret, text);
        Assert.DoesNotContain(_a.TenantId, text);
    }

    [Fact]
    public async Task Reading_another_tenants_customer_by_its_id_finds_nothing_also_batched_and_aliased()
    {
        var (_, single) = await Client.GraphQLAsync(_b.ApiKey, "query($id: ID!) { customer(id: $id) { name tags } node(id: $id) { id } }", new { id = _aCustomer });
        var (_, aliased) = await Client.GraphQLAsync(_b.ApiKey,
            "query($id: ID!, $ids: [ID!]!) { a1: customer(id: $id) { name } a2: customer(id: $id) { name } all: nodes(ids: $ids) { id } }",
            new { id = _aCustomer, ids = new[] { _aCustomer, _bCustomer } });
        var (_, batch) = await Client.SendJsonAsync(HttpMethod.Post, "/graphql", _b.ApiKey, new object[]
        {
            new { query = "query($id: ID!) { customer(id: $id) { name } }", variables = new { id = _aCustomer } },
            new { query = "{ customers(first: 50) { edges { node { name } } } searchCustomers(text: \"Ada\") { name } }" },
        });

        Assert.Null(single["data"]!["customer"]);
        Assert.Null(single["data"]!["node"]);
        Assert.Null(aliased["data"]!["a1"]);
        Assert.Null(aliased["data"]!["a2"]);
        Assert.Null(aliased["data"]!["all"]![0]);
        Assert.NotNull(aliased["data"]!["all"]![1]);
        AssertNothingOfA(single);
        AssertNothingOfA(aliased);
        // The batch ran (B sees its own customer), and nothing of A's came with it.
        Assert.Null(batch[0]!["data"]!["customer"]);
        Assert.Contains("Bob Byte", batch[1]!["data"]!.ToJsonString());
        AssertNothingOfA(batch);
    }

    [Fact]
    public async Task Updating_merging_and_deleting_another_tenants_customer_fail_as_not_found_and_change_nothing()
    {
        var (_, update) = await Client.GraphQLAsync(_b.ApiKey,
            "mutation($id: ID!) { updateCustomer(input: {id: $id, name: \"Hijacked\"}) { customer { name } errors { __typename } } }", new { id = _aCustomer });
        var (_, merge) = await Client.GraphQLAsync(_b.ApiKey,
            "mutation($s: ID!, $o: ID!) { mergeCustomers(input: {survivorId: $s, otherId: $o}) { customer { name tags } errors { __typename message } } }",
            new { s = _bCustomer, o = _aCustomer });
        var (_, delete) = await Client.GraphQLAsync(_b.ApiKey,
            "mutation($id: ID!) { deleteCustomer(input: {id: $id}) { deletedId errors { __typename } } }", new { id = _aCustomer });
        var (_, stillThere) = await Client.GraphQLAsync(_a.ApiKey, "query($id: ID!) { customer(id: $id) { name tags } }", new { id = _aCustomer });

        Assert.Equal("NotFoundError", (string?)update["data"]!["updateCustomer"]!["errors"]![0]!["__typename"]);
        Assert.Contains("no customer", (string?)merge["data"]!["mergeCustomers"]!["errors"]![0]!["message"]);
        Assert.Equal("NotFoundError", (string?)delete["data"]!["deleteCustomer"]!["errors"]![0]!["__typename"]);
        Assert.Equal("Ada Lovelace", (string?)stillThere["data"]!["customer"]!["name"]);
        AssertNothingOfA(update);
        AssertNothingOfA(merge);
    }

    [Fact]
    public async Task A_forged_global_id_naming_another_tenants_raw_id_is_not_found()
    {
        // A global id is base64url("Customer:<id>"); B builds one from A's raw id, and ones with A's tenant id inside.
        var raw = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(_aCustomer)).Split(':', 2)[1];
        var forged = new[]
        {
            Base64Url.EncodeToString(Encoding.UTF8.GetBytes($"Customer:{raw}")),
            Base64Url.EncodeToString(Encoding.UTF8.GetBytes($"Customer:{_a.TenantId}/{raw}")),
            Base64Url.EncodeToString(Encoding.UTF8.GetBytes($"Customer:../{_a.TenantId}/{raw}")),
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"Customer:{raw}")),
        };
        foreach (var id in forged)
        {
            var (_, body) = await Client.GraphQLAsync(_b.ApiKey, "query($id: ID!) { customer(id: $id) { name } node(id: $id) { id } }", new { id });
            Assert.Null(body["data"]!["customer"]);
            AssertNothingOfA(body);
        }
    }

    [Fact]
    public async Task Internal_headers_a_caller_sends_to_the_gateway_are_ignored()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql")
        {
            Content = JsonContent.Create(new { query = "query($id: ID!) { customer(id: $id) { name } viewer { permissions } }", variables = new { id = _aCustomer } }),
        };
        request.Headers.Authorization = new("Bearer", _b.ApiKey);
        request.Headers.Add(TenantContextHeaders.TenantId, _a.TenantId);
        request.Headers.Add(TenantContextHeaders.Permissions, "read admin");
        using var response = await Client.SendAsync(request);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Null(body["data"]!["customer"]);
        AssertNothingOfA(body);
    }

    [Fact]
    public async Task Calling_the_GraphQL_service_around_the_gateway_with_forged_or_replayed_headers_is_refused()
    {
        using var direct = new HttpClient { BaseAddress = system.Host.ServiceAddress("graphql") };
        var query = JsonContent.Create(new { query = "query($id: ID!) { customer(id: $id) { name } }", variables = new { id = _aCustomer } });

        // No context at all, then a context with a made-up signature.
        using var bare = await direct.PostAsync("/graphql", query);
        using var forged = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = query };
        forged.Headers.Add(TenantContextHeaders.TenantId, _a.TenantId);
        forged.Headers.Add(TenantContextHeaders.Permissions, "read");
        forged.Headers.Add(TenantContextHeaders.Timestamp, DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString());
        forged.Headers.Add(TenantContextHeaders.Nonce, new string('1', 32));
        forged.Headers.Add(TenantContextHeaders.Signature, new string('0', 64));
        using var forgedResponse = await direct.SendAsync(forged);

        // A correctly signed header set (as if captured inside the network) works once, and its replay is refused.
        var signer = new TenantContextSigner(TenantContextSigner.ParseSecret(system.Host.GatewaySecret()), TimeProvider.System);
        var claims = new TenantClaims(_a.TenantId, "key:captured", ["read"], "enterprise", "127.0.0.1");
        var stamp = signer.Sign(claims);
        using var first = await direct.SendAsync(Signed(claims, stamp));
        using var replay = await direct.SendAsync(Signed(claims, stamp));

        Assert.Equal(HttpStatusCode.Unauthorized, bare.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, forgedResponse.StatusCode);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, replay.StatusCode);
        AssertNothingOfA(JsonNode.Parse(await replay.Content.ReadAsStringAsync())!);

        HttpRequestMessage Signed(TenantClaims c, SignedStamp s)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = JsonContent.Create(new { query = "{ __typename }" }) };
            var headers = new Microsoft.AspNetCore.Http.HeaderDictionary();
            TenantContextHeaders.Write(headers, c, s);
            foreach (var (name, value) in headers)
                request.Headers.Add(name, value.ToString());
            return request;
        }
    }

    [Fact]
    public async Task Subscribing_to_another_tenants_customer_hears_nothing_of_it()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        using var socket = await GraphQLWebSocket.ConnectAsync(system.Host.Gateway, _b.ApiKey, timeout.Token);
        // "a" follows A's customer by its id; "b" follows B's own tenant, to prove the socket was listening.
        await GraphQLWebSocket.SendAsync(socket, new { id = "a", type = "subscribe", payload = new { query = "subscription($id: ID!) { customerChanged(id: $id) { name tags } }", variables = new { id = _aCustomer } } }, timeout.Token);
        await GraphQLWebSocket.SendAsync(socket, new { id = "b", type = "subscribe", payload = new { query = "subscription { tenantActivity { customerId } }" } }, timeout.Token);

        var messages = new List<JsonNode>();
        var heardOwn = Task.Run(async () =>
        {
            while (true)
            {
                var message = await GraphQLWebSocket.ReceiveAsync(socket, timeout.Token);
                lock (messages)
                    messages.Add(message);
                if ((string?)message["id"] == "b" && (string?)message["type"] == "next")
                    return;
            }
        });
        for (var round = 1; !heardOwn.IsCompleted; round++)
        {
            await Client.GraphQLAsync(_a.ApiKey, "mutation($id: ID!, $t: [String!]) { updateCustomer(input: {id: $id, tags: $t}) { customer { id } } }",
                new { id = _aCustomer, t = new[] { Secret, $"round {round}" } });
            await Client.GraphQLAsync(_b.ApiKey, "mutation($id: ID!, $t: [String!]) { updateCustomer(input: {id: $id, tags: $t}) { customer { id } } }",
                new { id = _bCustomer, t = new[] { $"round {round}" } });
            await Task.WhenAny(heardOwn, Task.Delay(300, timeout.Token));
        }
        await heardOwn;

        lock (messages)
        {
            Assert.DoesNotContain(messages, m => (string?)m["id"] == "a" && (string?)m["type"] == "next");
            foreach (var message in messages)
                AssertNothingOfA(message);
        }
    }

    [Fact]
    public async Task Importing_into_a_guessed_import_of_another_tenant_only_ever_touches_the_callers_own_tenant()
    {
        var csv = new StringContent("name,email\nMallory,mallory@example.com\n", Encoding.UTF8, "text/csv");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/imports/shared-id") { Content = csv };
        request.Headers.Authorization = new("Bearer", _b.ApiKey);
        using var response = await Client.SendAsync(request);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());

        var (_, aSearch) = await Client.GraphQLAsync(_a.ApiKey, "{ searchCustomers(text: \"Mallory\") { name } }");
        var (_, aProgress) = await Client.SendJsonAsync(HttpMethod.Get, "/api/imports/shared-id", _a.ApiKey);
        const string job = "{ importJob(id: \"shared-id\") { id rowsDone created completed } }";
        var (_, aJob) = await Client.GraphQLAsync(_a.ApiKey, job);
        var (_, bJob) = await Client.GraphQLAsync(_b.ApiKey, job);
        Assert.Empty(aSearch["data"]!["searchCustomers"]!.AsArray());
        Assert.DoesNotContain("Mallory", aProgress.ToJsonString());
        Assert.Null(aJob["data"]!["importJob"]);
        Assert.Equal((1, 1, true), ((int)bJob["data"]!["importJob"]!["rowsDone"]!, (int)bJob["data"]!["importJob"]!["created"]!, (bool)bJob["data"]!["importJob"]!["completed"]!));
    }
}

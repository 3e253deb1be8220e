using System.Text.Json.Nodes;

namespace EndToEnd.Tests.Customers;

/// <summary>
/// The query side through the gateway: lists with filters, sorts and pages, search, duplicate candidates, segments
/// with live counts and the analytics, each reading the caller's own writes and nothing of another tenant's.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class CustomerQueryTests(SystemFixture system) : IClassFixture<SystemFixture>
{
    private CrmClient Client => system.Client;

    private async Task<JsonNode> QueryAsync(string apiKey, string query, object? variables = null)
    {
        var (_, body) = await Client.GraphQLAsync(apiKey, query, variables);
        Assert.True(body["errors"] is null, body.ToJsonString());
        return body["data"]!;
    }

    private async Task<string> CreateAsync(string apiKey, object input)
    {
        var data = await QueryAsync(apiKey, "mutation($i: CreateCustomerInput!) { createCustomer(input: $i) { customer { id } errors { message } } }", new { i = input });
        return (string)data["createCustomer"]!["customer"]!["id"]!;
    }

    private Task OrderAsync(string apiKey, string id, decimal amount) =>
        QueryAsync(apiKey, "mutation($i: RecordOrderInput!) { recordOrder(input: $i) { errors { message } } }", new { i = new { customerId = id, amount, currency = "USD" } });

    [Fact]
    public async Task Lists_filter_sort_and_page_the_callers_own_customers()
    {
        var tenant = await Client.SignUpAsync("Lists Co");
        var other = await Client.SignUpAsync("Other Lists Co");
        var ids = new Dictionary<string, string>();
        foreach (var (name, city, spend) in new[] { ("Ann", "Berlin", 1_500m), ("Bob", "Paris", 200m), ("Cid", "Berlin", 50m), ("Dee", "Berlin", 0m), ("Eve", "Rome", 3_000m) })
        {
            ids[name] = await CreateAsync(tenant.ApiKey, new { name, address = new { city, country = "DE" }, tags = new[] { "list" } });
            if (spend > 0)
                await OrderAsync(tenant.ApiKey, ids[name], spend);
        }
        await CreateAsync(other.ApiKey, new { name = "Ann Other", address = new { city = "Berlin", country = "DE" } });

        const string Page = """
            query($where: CustomerFilterInput, $order: CustomerOrderInput, $after: String) {
              customers(first: 2, after: $after, where: $where, order: $order) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { name totalSpend } } } }
            """;
        var berlin = new { city = "Berlin" };
        var first = (await QueryAsync(tenant.ApiKey, Page, new { where = berlin, order = new { field = "NAME" } }))["customers"]!;
        var second = (await QueryAsync(tenant.ApiKey, Page, new { where = berlin, order = new { field = "NAME" }, after = (string)first["pageInfo"]!["endCursor"]! }))["customers"]!;
        var bySpend = (await QueryAsync(tenant.ApiKey, Page, new { where = new { minTotalSpend = 100 }, order = new { field = "TOTAL_SPEND", direction = "DESC" } }))["customers"]!;

        Assert.Equal(3, (int)first["totalCount"]!);
        Assert.Equal(["Ann", "Cid"], first["edges"]!.AsArray().Select(e => (string?)e!["node"]!["name"]));
        Assert.True((bool)first["pageInfo"]!["hasNextPage"]!);
        Assert.Equal(["Dee"], second["edges"]!.AsArray().Select(e => (string?)e!["node"]!["name"]));
        Assert.False((bool)second["pageInfo"]!["hasNextPage"]!);
        Assert.Equal(["Eve", "Ann"], bySpend["edges"]!.AsArray().Select(e => (string?)e!["node"]!["name"]));
        Assert.Equal(3, (int)bySpend["totalCount"]!);
    }

    [Fact]
    public async Task Search_finds_by_name_prefix_email_and_phone_and_duplicates_are_grouped()
    {
        var tenant = await Client.SignUpAsync("Search Co");
        var other = await Client.SignUpAsync("Other Search Co");
        var ada = await CreateAsync(tenant.ApiKey, new { name = "Ada Lovelace", email = "ada@example.com", phone = "+1 201 555 0123" });
        var twin = await CreateAsync(tenant.ApiKey, new { name = "A. Lovelace", email = "ADA@example.com" });
        await CreateAsync(tenant.ApiKey, new { name = "Grace Hopper", email = "grace@example.com" });
        await CreateAsync(other.ApiKey, new { name = "Ada Lovelace", email = "ada@example.com" });

        var found = (await QueryAsync(tenant.ApiKey, """{ searchCustomers(text: "ada lov") { id } }"""))["searchCustomers"]!.AsArray();
        var byEmail = (await QueryAsync(tenant.ApiKey, """{ searchCustomers(text: "grace@example.com") { name } }"""))["searchCustomers"]!.AsArray();
        var hostile = await Client.GraphQLAsync(tenant.ApiKey, """{ searchCustomers(text: "\"ada\" OR * NEAR(") { id } }""");
        var groups = (await QueryAsync(tenant.ApiKey, "{ duplicateCandidates { key value customers { id } } }"))["duplicateCandidates"]!.AsArray();

        // Both match (the twin by its email's "ada"); the name match ranks first. The other tenant's Ada never shows.
        Assert.Equal([ada, twin], found.Select(f => (string?)f!["id"]));
        Assert.Equal("Grace Hopper", (string?)byEmail.Single()!["name"]);
        Assert.Null(hostile.Body["errors"]);
        var group = Assert.Single(groups);
        Assert.Equal(("EMAIL", "ada@example.com"), ((string?)group!["key"], (string?)group["value"]));
        Assert.Equal(new[] { ada, twin }.Order(), group["customers"]!.AsArray().Select(c => (string)c!["id"]!).Order());
    }

    [Fact]
    public async Task Segments_count_their_members_live_and_analytics_follow_the_writes()
    {
        var tenant = await Client.SignUpAsync("Segments Co");
        var created = await QueryAsync(tenant.ApiKey, """
            mutation { createSegment(input: { name: "Big spenders", where: { minTotalSpend: 1000 } }) { segment { id name memberCount } errors { message } } }
            """);
        Assert.Equal(0, (int)created["createSegment"]!["segment"]!["memberCount"]!);

        var big = await CreateAsync(tenant.ApiKey, new { name = "Big" });
        var small = await CreateAsync(tenant.ApiKey, new { name = "Small" });
        await OrderAsync(tenant.ApiKey, big, 1_200);
        await OrderAsync(tenant.ApiKey, small, 30);
        await QueryAsync(tenant.ApiKey, """mutation($id: ID!) { openComplaint(input: { customerId: $id, category: "billing", severity: LOW }) { errors { message } } }""", new { id = small });

        var segments = (await QueryAsync(tenant.ApiKey, "{ segments { name memberCount members { edges { node { name } } } } }"))["segments"]!.AsArray();
        var segment = Assert.Single(segments)!;
        Assert.Equal(1, (int)segment["memberCount"]!);
        Assert.Equal("Big", (string?)segment["members"]!["edges"]![0]!["node"]!["name"]);

        // The aggregates take one-way deltas: wait, with a deadline, until they have this tenant's writes.
        JsonNode analytics;
        var deadline = DateTime.UtcNow.AddSeconds(30);
        do
        {
            analytics = (await QueryAsync(tenant.ApiKey, """
                { analytics { lifecycleFunnel { stage count } tierDistribution { tier count } complaintRate
                  salesGrowth { orders revenue } retention { newCustomers } cohorts { size activeByMonth } } }
                """))["analytics"]!;
            if ((int)analytics["salesGrowth"]!["orders"]! == 2 && analytics["complaintRate"] is not null)
                break;
            Assert.True(DateTime.UtcNow < deadline, analytics.ToJsonString());
            await Task.Delay(100);
        }
        while (true);

        Assert.Equal(2, (int)analytics["lifecycleFunnel"]!.AsArray().Single(s => (string?)s!["stage"] == "ACQUISITION")!["count"]!);
        Assert.Equal(1, (int)analytics["tierDistribution"]!.AsArray().Single(t => (string?)t!["tier"] == "B")!["count"]!);
        Assert.Equal(0.5, (double)analytics["complaintRate"]!);
        Assert.Equal(2, (int)analytics["retention"]!["newCustomers"]!);
        Assert.Equal(2, (int)analytics["cohorts"]![0]!["size"]!);
    }

    [Fact]
    public async Task K_means_suggests_segments_whose_rules_createSegment_takes()
    {
        var tenant = await Client.SignUpAsync("Clusters Co");
        foreach (var (name, orders, each) in new[] { ("V1", 6, 2_000m), ("V2", 7, 2_500m), ("V3", 6, 1_800m), ("L1", 1, 20m), ("L2", 1, 30m), ("L3", 0, 0m), ("L4", 0, 0m) })
        {
            var id = await CreateAsync(tenant.ApiKey, new { name });
            for (var i = 0; i < orders; i++)
                await OrderAsync(tenant.ApiKey, id, each);
        }

        var suggestions = (await QueryAsync(tenant.ApiKey, "{ suggestedSegments(clusters: 2) { size description centroid { orders spend } where } }"))["suggestedSegments"]!.AsArray();
        var rule = suggestions[0]!["where"]!;
        var created = await QueryAsync(tenant.ApiKey,
            "mutation($w: CustomerFilterInput!) { createSegment(input: { name: \"Suggested\", where: $w }) { segment { memberCount } errors { message } } }", new { w = rule });

        Assert.Equal(7, suggestions.Sum(s => (int)s!["size"]!));
        Assert.Equal(3, (int)suggestions[0]!["size"]!);
        Assert.Contains("high spend", (string?)suggestions[0]!["description"]);
        Assert.Equal(3, (int)created["createSegment"]!["segment"]!["memberCount"]!);
    }
}

using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace EndToEnd.Tests.Customers;

/// <summary>
/// The CRM through the gateway: a tenant records interactions, orders, complaints and surveys for a customer and sees
/// its counters, stage, tier, insights and timeline change, live over a subscription too.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class CustomerLifecycleTests(SystemFixture system) : IClassFixture<SystemFixture>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private CrmClient Client => system.Client;

    private const string CustomerFields = """
        id name email phone lifecycleStage valueTier totalSpend winBackCount openComplaints latestCsat npsClass
        lifecycleHistory { from to reason by }
        counters { total last24h last7d last30d lastInteractionAt byChannel { channel count } byKind { kind count } }
        nextBestActions { code }
        timeline(first: 3) { totalCount edges { node { kind summary } } }
        """;

    private async Task<JsonNode> MutateAsync(string apiKey, string mutation, string inputType, object input)
    {
        var (_, body) = await Client.GraphQLAsync(apiKey,
            $"mutation($i: {inputType}!) {{ {mutation}(input: $i) {{ customer {{ {CustomerFields} }} errors {{ __typename message path }} }} }}", new { i = input });
        Assert.True(body["errors"] is null, body.ToJsonString());
        var payload = body["data"]![mutation]!;
        Assert.True(payload["errors"]!.AsArray().Count == 0, payload.ToJsonString());
        return payload["customer"]!;
    }

    private static long Count(JsonNode counters, string list, string key, string value) =>
        (long)counters[list]!.AsArray().Single(c => (string?)c![key] == value)!["count"]!;

    [Fact]
    public async Task Interactions_and_orders_move_counters_stage_and_tier_and_fill_the_timeline()
    {
        var tenant = await Client.SignUpAsync("Lifecycle Co");
        var (_, settings) = await Client.GraphQLAsync(tenant.ApiKey,
            """mutation { updateTenantSettings(input: { defaultCountry: "DE" }) { settings { defaultCountry currency } errors { message } } }""");
        Assert.Equal("DE", (string?)settings["data"]!["updateTenantSettings"]!["settings"]!["defaultCountry"]);

        var created = await MutateAsync(tenant.ApiKey, "createCustomer", "CreateCustomerInput",
            new { name = "  Greta  Meyer ", email = "Greta@Example.DE", phone = "030 123456", tags = new[] { "VIP" } });
        var id = (string)created["id"]!;
        Assert.Equal(("Greta Meyer", "greta@example.de", "+4930123456", "AWARENESS"),
            ((string?)created["name"], (string?)created["email"], (string?)created["phone"], (string?)created["lifecycleStage"]));

        await MutateAsync(tenant.ApiKey, "recordInteraction", "RecordInteractionInput", new { customerId = id, channel = "WEB", kind = "VISIT" });
        await MutateAsync(tenant.ApiKey, "recordInteraction", "RecordInteractionInput", new { customerId = id, channel = "CHAT", kind = "SERVICE_REQUEST", note = "Sizing" });
        var first = await MutateAsync(tenant.ApiKey, "recordOrder", "RecordOrderInput", new { customerId = id, amount = "600.00", currency = "USD" });
        Assert.Equal("ACQUISITION", (string?)first["lifecycleStage"]);
        var second = await MutateAsync(tenant.ApiKey, "recordOrder", "RecordOrderInput", new { customerId = id, amount = 700, currency = "usd", channel = "WEB" });

        Assert.Equal("CONSOLIDATION", (string?)second["lifecycleStage"]);
        Assert.Equal("B", (string?)second["valueTier"]); // 1,300 USD reaches tier B's 1,000
        Assert.Equal(1300m, decimal.Parse((string)second["totalSpend"]!, System.Globalization.CultureInfo.InvariantCulture));
        var counters = second["counters"]!;
        Assert.Equal((4L, 4L, 4L), ((long)counters["total"]!, (long)counters["last24h"]!, (long)counters["last30d"]!));
        Assert.Equal(2, Count(counters, "byKind", "kind", "PURCHASE"));
        Assert.Equal(1, Count(counters, "byKind", "kind", "SERVICE_REQUEST"));
        Assert.Equal((1L, 2L), (Count(counters, "byChannel", "channel", "STORE"), Count(counters, "byChannel", "channel", "WEB")));
        Assert.Equal(["rule:created", "rule:first-purchase", "rule:repeat-purchase"], second["lifecycleHistory"]!.AsArray().Select(c => (string?)c!["by"]));
        var timeline = second["timeline"]!;
        Assert.Equal(7, (int)timeline["totalCount"]!); // 2 interactions, 2 orders, 3 stage entries
        // Newest first; the order comes before the stage change it caused at the same instant.
        Assert.Equal(["ORDER", "STAGE_CHANGE", "ORDER"], timeline["edges"]!.AsArray().Select(e => (string?)e!["node"]!["kind"]));

        var complained = await MutateAsync(tenant.ApiKey, "openComplaint", "OpenComplaintInput", new { customerId = id, category = "Delivery", severity = "HIGH" });
        Assert.Equal(1, (int)complained["openComplaints"]!);
        var surveyed = await MutateAsync(tenant.ApiKey, "recordSurveyResponse", "RecordSurveyResponseInput", new { customerId = id, csat = 4, nps = 9 });
        Assert.Equal((4, "PROMOTER"), ((int)surveyed["latestCsat"]!, (string?)surveyed["npsClass"]));

        var manual = await MutateAsync(tenant.ApiKey, "changeLifecycleStage", "ChangeLifecycleStageInput", new { customerId = id, stage = "DECLINE", reason = "Moved to a competitor" });
        Assert.Contains(manual["nextBestActions"]!.AsArray(), a => (string?)a!["code"] == "WIN_BACK");
        var back = await MutateAsync(tenant.ApiKey, "recordOrder", "RecordOrderInput", new { customerId = id, amount = 50, currency = "USD" });
        Assert.Equal(("CONSOLIDATION", 1), ((string?)back["lifecycleStage"], (int)back["winBackCount"]!));

        // And it is all there when read back later.
        var (_, read) = await Client.GraphQLAsync(tenant.ApiKey, $"query($id: ID!) {{ customer(id: $id) {{ {CustomerFields} }} }}", new { id });
        Assert.Equal(7, (long)read["data"]!["customer"]!["counters"]!["total"]!); // 2 touches, 3 orders, a complaint, a survey
    }

    [Fact]
    public async Task A_deal_moves_through_the_pipeline_and_a_won_deal_is_a_purchase()
    {
        var tenant = await Client.SignUpAsync("Pipeline Co");
        var customer = await MutateAsync(tenant.ApiKey, "createCustomer", "CreateCustomerInput", new { name = "Acme Buyer" });
        var id = (string)customer["id"]!;
        var (_, opened) = await Client.GraphQLAsync(tenant.ApiKey,
            """mutation($id: ID!) { openOpportunity(input: { customerId: $id, title: "Fleet", amount: 900, currency: "USD", expectedCloseOn: "2027-01-31" }) { opportunity { id stage } errors { message } } }""",
            new { id });
        var dealId = (string)opened["data"]!["openOpportunity"]!["opportunity"]!["id"]!;

        var (_, won) = await Client.GraphQLAsync(tenant.ApiKey,
            """mutation($id: ID!, $deal: ID!) { moveOpportunity(input: { customerId: $id, opportunityId: $deal, stage: WON }) { opportunity { stage orderId } customer { lifecycleStage totalSpend } errors { message } } }""",
            new { id, deal = dealId });

        var payload = won["data"]!["moveOpportunity"]!;
        Assert.Equal("LEAD", (string?)opened["data"]!["openOpportunity"]!["opportunity"]!["stage"]);
        Assert.Equal("WON", (string?)payload["opportunity"]!["stage"]);
        Assert.NotNull((string?)payload["opportunity"]!["orderId"]);
        Assert.Equal(("ACQUISITION", "900"), ((string?)payload["customer"]!["lifecycleStage"], ((string?)payload["customer"]!["totalSpend"])?.Split('.')[0]));
    }

    [Fact]
    public async Task Mistakes_come_back_as_typed_errors_on_their_fields()
    {
        var tenant = await Client.SignUpAsync("Mistakes Co");
        var customer = await MutateAsync(tenant.ApiKey, "createCustomer", "CreateCustomerInput", new { name = "Kim" });

        var (_, body) = await Client.GraphQLAsync(tenant.ApiKey,
            """mutation($id: ID!) { recordOrder(input: { customerId: $id, amount: 10, currency: "XXY" }) { order { id } errors { __typename path } } }""",
            new { id = (string)customer["id"]! });
        var (_, missing) = await Client.GraphQLAsync(tenant.ApiKey,
            """mutation { recordInteraction(input: { customerId: "Q3VzdG9tZXI6bm9wZQ", channel: WEB, kind: VISIT }) { customer { id } errors { __typename path } } }""");

        Assert.Equal("ValidationError", (string?)body["data"]!["recordOrder"]!["errors"]![0]!["__typename"]);
        Assert.Equal("currency", (string?)body["data"]!["recordOrder"]!["errors"]![0]!["path"]![1]);
        Assert.Equal("NotFoundError", (string?)missing["data"]!["recordInteraction"]!["errors"]![0]!["__typename"]);
    }

    [Fact]
    public async Task A_merge_through_the_gateway_keeps_the_survivor_and_deletes_the_other()
    {
        var tenant = await Client.SignUpAsync("Merge Co");
        var survivor = await MutateAsync(tenant.ApiKey, "createCustomer", "CreateCustomerInput", new { name = "Lee", email = "lee@example.com" });
        var other = await MutateAsync(tenant.ApiKey, "createCustomer", "CreateCustomerInput", new { name = "Lee J.", phone = "+1 201 555 0123" });
        await MutateAsync(tenant.ApiKey, "recordOrder", "RecordOrderInput", new { customerId = (string)other["id"]!, amount = 20, currency = "USD" });

        var merged = await MutateAsync(tenant.ApiKey, "mergeCustomers", "MergeCustomersInput", new { survivorId = (string)survivor["id"]!, otherId = (string)other["id"]! });
        var (_, gone) = await Client.GraphQLAsync(tenant.ApiKey, "query($id: ID!) { customer(id: $id) { id } }", new { id = (string)other["id"]! });

        Assert.Equal(((string?)survivor["id"], "+12015550123", "ACQUISITION"), ((string?)merged["id"], (string?)merged["phone"], (string?)merged["lifecycleStage"]));
        Assert.Null(gone["data"]!["customer"]);
    }

    [Fact]
    public async Task A_customerChanged_subscriber_receives_the_live_counters()
    {
        var tenant = await Client.SignUpAsync("Live Counters Co");
        var customer = await MutateAsync(tenant.ApiKey, "createCustomer", "CreateCustomerInput", new { name = "Max" });
        var id = (string)customer["id"]!;
        using var http = new HttpClient { BaseAddress = system.Host.Gateway, Timeout = Patience };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql")
        {
            Content = JsonContent.Create(new { query = "subscription($id: ID!) { customerChanged(id: $id) { id counters { total } } }", variables = new { id } }),
        };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", tenant.ApiKey);
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        var heard = NextTotalAsync(reader);

        // The subscription hears from the moment its poll reaches the feed, which the client cannot see: record
        // touches until one is heard, and its total must be one the mutations answered.
        var totals = new List<long>();
        using var deadline = new CancellationTokenSource(Patience);
        while (!heard.IsCompleted)
        {
            var touched = await MutateAsync(tenant.ApiKey, "recordInteraction", "RecordInteractionInput", new { customerId = id, channel = "EMAIL", kind = "INQUIRY" });
            totals.Add((long)touched["counters"]!["total"]!);
            await Task.WhenAny(heard, Task.Delay(300, deadline.Token));
        }

        Assert.Contains(await heard, totals);
    }

    private static async Task<long> NextTotalAsync(StreamReader reader)
    {
        string? line;
        while ((line = await reader.ReadLineAsync()) is not null)
        {
            if (line.StartsWith("data:", StringComparison.Ordinal) && JsonNode.Parse(line["data:".Length..])?["data"]?["customerChanged"] is { } changed)
                return (long)changed["counters"]!["total"]!;
        }
        throw new Xunit.Sdk.XunitException("The event stream ended before a customerChanged event.");
    }
}

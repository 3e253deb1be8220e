using System.Text.Json.Nodes;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace EndToEnd.Tests.Browser;

/// <summary>
/// The GraphQL IDE (<c>GET /graphql</c> in a browser) in a real Chromium, through the gateway of one running system:
/// what a tenant's developer sees and does with it. Each test has its own browser context, so its own localStorage.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class GraphQLIdeTests(SystemFixture system, ChromiumBrowser chromium)
    : IClassFixture<SystemFixture>, IClassFixture<ChromiumBrowser>, IAsyncLifetime
{
    private const string CreateCustomer =
        """mutation { createCustomer(input: {name: "Ada Lovelace", email: "ada@example.com"}) { customer { id name email } } }""";

    private IBrowserContext _context = null!;
    private IPage _page = null!;

    private ILocator Query => _page.Locator("#query");
    private ILocator Variables => _page.Locator("#variables");
    private ILocator Headers => _page.Locator("#headers");
    private ILocator Run => _page.Locator("#run");
    private ILocator Schema => _page.Locator("#schema");
    private ILocator Result => _page.Locator("#result");
    private ILocator Status => _page.Locator("#status");

    public async Task InitializeAsync()
    {
        _context = await chromium.NewContextAsync(system.Host.Gateway);
        _page = await _context.NewPageAsync();
        var response = await _page.GotoAsync("/graphql");
        Assert.True(response is { Status: 200 }, $"GET /graphql answered {response?.Status}");
    }

    public async Task DisposeAsync() => await _context.DisposeAsync();

    /// <summary>Types the tenant's key into Headers, as a developer would, and waits for the schema it unlocks.</summary>
    private async Task SignInAsync(string apiKey)
    {
        await Headers.FillAsync($$"""{"Authorization": "Bearer {{apiKey}}"}""");
        await Expect(Schema).ToContainTextAsync("Query (object)");
    }

    private async Task<JsonNode> RunAsync(string query, string variables = "{}")
    {
        await Query.FillAsync(query);
        await Variables.FillAsync(variables);
        await Run.ClickAsync();
        // "Running…" first, then the answer: the status names the HTTP code only once the result is in.
        await Expect(Status).ToContainTextAsync("HTTP ");
        return JsonNode.Parse(await Result.TextContentAsync() ?? "")!;
    }

    [Fact]
    public async Task Without_a_key_the_schema_panel_says_the_schema_is_unavailable_and_asks_for_the_Authorization_header()
    {
        await Expect(Schema).ToContainTextAsync("Schema unavailable.");
        await Expect(Schema).ToContainTextAsync("HTTP 401");
        await Expect(Schema).ToContainTextAsync("\"Authorization\": \"Bearer");
    }

    [Fact]
    public async Task With_a_key_in_Headers_the_schema_panel_lists_the_tenant_types_and_Run_creates_and_reads_a_customer()
    {
        var tenant = await system.Client.SignUpAsync("Browser Co");

        await SignInAsync(tenant.ApiKey);
        await Expect(Schema).ToContainTextAsync("Customer (object)");
        await Expect(Schema).ToContainTextAsync("CreateCustomerInput (input_object)");
        await Expect(Schema).Not.ToContainTextAsync("__Schema");

        var created = await RunAsync(CreateCustomer);
        await Expect(Status).ToContainTextAsync("HTTP 200");
        await Expect(Result).ToContainTextAsync("\"name\": \"Ada Lovelace\"");
        Assert.Null(created["errors"]);
        var id = (string)created["data"]!["createCustomer"]!["customer"]!["id"]!;

        var read = await RunAsync("query($id: ID!) { readBack: customer(id: $id) { id name email } }", $$"""{"id": "{{id}}"}""");
        await Expect(Result).ToContainTextAsync("\"readBack\"");
        await Expect(Status).ToContainTextAsync("HTTP 200");
        var customer = read["data"]!["readBack"]!;
        Assert.Equal(id, (string?)customer["id"]);
        Assert.Equal("Ada Lovelace", (string?)customer["name"]);
        Assert.Equal("ada@example.com", (string?)customer["email"]);
    }

    [Fact]
    public async Task A_query_that_breaks_the_schema_shows_the_validation_error_and_HTTP_400()
    {
        var tenant = await system.Client.SignUpAsync("Typo Browser Co");
        await SignInAsync(tenant.ApiKey);

        await RunAsync("""{ customer(id: "x") { id nmae } }""");

        await Expect(Result).ToContainTextAsync("Cannot query field \\\"nmae\\\" on type \\\"Customer\\\"");
        await Expect(Status).ToContainTextAsync("HTTP 400");
    }

    [Fact]
    public async Task A_subscription_streams_its_events_into_the_result_until_Stop()
    {
        var tenant = await system.Client.SignUpAsync("Live Browser Co");
        await SignInAsync(tenant.ApiKey);
        await Query.FillAsync("subscription { customerCreated { name } }");

        await Run.ClickAsync();
        await Expect(Status).ToContainTextAsync("Listening");
        await Expect(Run).ToContainTextAsync("Stop");
        // The subscription hears of customers from when its poll reaches the tenant's feed, a moment after
        // "Listening": create customers until the page shows one.
        for (var i = 0; !(await Result.TextContentAsync() ?? "").Contains("Grace", StringComparison.Ordinal); i++)
        {
            Assert.True(i < 60, "no event reached the page in 30 s");
            await system.Client.GraphQLAsync(tenant.ApiKey, """mutation { createCustomer(input: {name: "Grace", email: "grace@example.com"}) { customer { id } } }""");
            await Task.Delay(500);
        }
        await Expect(Status).ToContainTextAsync("event(s)");
        await Run.ClickAsync();

        await Expect(Status).ToContainTextAsync("Stopped after");
        await Expect(Run).ToContainTextAsync("Run");
    }

    [Fact]
    public async Task What_was_typed_is_kept_across_a_reload_of_the_page()
    {
        await Query.FillAsync("{ __typename }");
        await Headers.FillAsync("""{"X-Example": "kept"}""");

        await _page.ReloadAsync();

        await Expect(Query).ToHaveValueAsync("{ __typename }");
        await Expect(Headers).ToHaveValueAsync("""{"X-Example": "kept"}""");
    }
}

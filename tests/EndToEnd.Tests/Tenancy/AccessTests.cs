using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using EndToEnd.Tests.Browser;
using MimeKit;
using static Microsoft.Playwright.Assertions;

namespace EndToEnd.Tests.Tenancy;

/// <summary>
/// Roles, key scopes, revocation, expiry, invitations and per-tenant rate limits, through the gateway of one running
/// system (whose mail goes as .eml files into its data folder's mail/).
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class AccessTests(SystemFixture system, ChromiumBrowser chromium) : IClassFixture<SystemFixture>, IClassFixture<ChromiumBrowser>
{
    private const string CreateCustomer = """mutation { createCustomer(input: {name: "Grace Hopper"}) { customer { id } errors { message } } }""";
    private const string CountCustomers = "{ customers(first: 1) { totalCount } }";
    private const string CreateKey = "mutation($i: CreateApiKeyInput!) { createApiKey(input: $i) { key apiKey { id prefix scopes } errors { message } } }";

    private CrmClient Client => system.Client;

    private async Task<(string Key, string Id)> CreateKeyAsync(string adminKey, string[] scopes, DateTimeOffset? expiresAt = null)
    {
        var (_, body) = await Client.GraphQLAsync(adminKey, CreateKey, new { i = new { name = "test key", scopes, expiresAt } });
        var created = body["data"]!["createApiKey"]!;
        Assert.True(created["key"] is not null, body.ToJsonString());
        return ((string)created["key"]!, (string)created["apiKey"]!["id"]!);
    }

    [Fact]
    public async Task A_read_key_reads_but_cannot_mutate_and_nothing_is_written()
    {
        var tenant = await Client.SignUpAsync("Read Only Ltd");
        var (readKey, _) = await CreateKeyAsync(tenant.ApiKey, ["READ"]);

        var (_, refused) = await Client.GraphQLAsync(readKey, CreateCustomer);
        var (_, count) = await Client.GraphQLAsync(readKey, CountCustomers);

        Assert.Equal("FORBIDDEN", (string?)refused["errors"]![0]!["extensions"]!["code"]);
        Assert.Contains("customers:write", (string?)refused["errors"]![0]!["message"]);
        Assert.Equal(0, (int)count["data"]!["customers"]!["totalCount"]!);
        var (_, adminOnly) = await Client.GraphQLAsync(readKey, "{ apiKeys { id } }");
        Assert.Equal("FORBIDDEN", (string?)adminOnly["errors"]![0]!["extensions"]!["code"]);
    }

    [Fact]
    public async Task A_revoked_key_is_refused_by_the_very_next_request()
    {
        var tenant = await Client.SignUpAsync("Revoking Co");
        var (key, id) = await CreateKeyAsync(tenant.ApiKey, ["WRITE"]);
        var (before, _) = await Client.GraphQLAsync(key, CountCustomers);
        Assert.Equal(HttpStatusCode.OK, before);

        var (_, revoked) = await Client.GraphQLAsync(tenant.ApiKey, "mutation($id: ID!) { revokeApiKey(id: $id) { apiKey { revokedAt } } }", new { id });
        Assert.NotNull(revoked["data"]!["revokeApiKey"]!["apiKey"]!["revokedAt"]);
        var (after, body) = await Client.GraphQLAsync(key, CountCustomers);

        Assert.Equal(HttpStatusCode.Unauthorized, after);
        Assert.Contains("revoked", (string?)body["errors"]![0]!["message"]);
    }

    [Fact]
    public async Task An_expired_key_is_refused_once_its_expiry_passes()
    {
        var tenant = await Client.SignUpAsync("Expiring Co");
        var expiresAt = DateTimeOffset.UtcNow.AddSeconds(3);
        var (key, _) = await CreateKeyAsync(tenant.ApiKey, ["READ"], expiresAt);
        var (before, _) = await Client.GraphQLAsync(key, CountCustomers);
        Assert.Equal(HttpStatusCode.OK, before);

        var deadline = DateTimeOffset.UtcNow.AddSeconds(30);
        HttpStatusCode status;
        do
        {
            (status, _) = await Client.GraphQLAsync(key, CountCustomers);
            if (status == HttpStatusCode.OK)
                Assert.True(DateTimeOffset.UtcNow < expiresAt.AddSeconds(1), "the key still worked a second after it expired");
        }
        while (status == HttpStatusCode.OK && DateTimeOffset.UtcNow < deadline);

        Assert.Equal(HttpStatusCode.Unauthorized, status);
    }

    [Fact]
    public async Task An_invited_analyst_signs_in_to_the_portal_reads_and_cannot_mutate()
    {
        var tenant = await Client.SignUpAsync("Analysed Inc");
        var (_, invited) = await Client.GraphQLAsync(tenant.ApiKey,
            """mutation { inviteUser(input: {email: "ana@analysed.example", role: ANALYST}) { token invitation { role } errors { message } } }""");
        var token = (string)invited["data"]!["inviteUser"]!["token"]!;

        using var accepted = await Client.PostRawAsync("/api/invitations/accept", new { token, name = "Ana", password = "a long analyst phrase" });
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        using var portal = new PortalBrowser(system.Host.Gateway);
        await portal.SignInAsync(tenant.Slug, "ana@analysed.example", "a long analyst phrase");

        var viewer = await portal.GraphQLAsync("{ viewer { actor permissions plan } }");
        var refused = await portal.GraphQLAsync(CreateCustomer);
        var (_, count) = await Client.GraphQLAsync(tenant.ApiKey, CountCustomers);

        Assert.Equal(["read"], viewer["data"]!["viewer"]!["permissions"]!.AsArray().Select(p => (string)p!));
        Assert.StartsWith("user:", (string?)viewer["data"]!["viewer"]!["actor"]);
        Assert.Equal("FORBIDDEN", (string?)refused["errors"]![0]!["extensions"]!["code"]);
        Assert.Equal(0, (int)count["data"]!["customers"]!["totalCount"]!);
    }

    [Fact]
    public async Task An_invitation_is_mailed_and_its_link_opens_a_page_where_the_invited_person_makes_their_account()
    {
        var tenant = await Client.SignUpAsync("Mailed & Co <Ltd>");
        var (_, invited) = await Client.GraphQLAsync(tenant.ApiKey,
            """mutation { inviteUser(input: {email: "sam@mailed.example", role: SALES}) { token emailSent errors { message } } }""");
        Assert.True((bool?)invited["data"]!["inviteUser"]!["emailSent"], invited.ToJsonString());
        var token = (string)invited["data"]!["inviteUser"]!["token"]!;

        var mail = await MailToAsync("sam@mailed.example");
        Assert.Equal("Mailed & Co <Ltd> invites you to Crm.Saas", mail.Subject);
        Assert.Contains("Mailed &amp; Co &lt;Ltd&gt;", mail.HtmlBody);
        Assert.Contains("SALES", mail.TextBody);
        var link = Regex.Match(mail.TextBody ?? "", @"http\S+#token=\S+").Value;
        Assert.Equal($"{system.Host.Gateway.ToString().TrimEnd('/')}/invitations/accept#token={Uri.EscapeDataString(token)}", link);

        await using var context = await chromium.NewContextAsync(system.Host.Gateway);
        var page = await context.NewPageAsync();
        await page.GotoAsync(link);
        await page.FillAsync("#name", "Sam");
        await page.FillAsync("#password", "too short");
        await page.ClickAsync("button[type=submit]");
        await Expect(page.Locator("[data-for=password]")).ToContainTextAsync("at least 10 characters");
        await page.FillAsync("#password", "a long sales passphrase");
        await page.ClickAsync("button[type=submit]");
        await Expect(page.Locator("#done")).ToContainTextAsync("Welcome, Sam. Your account is ready: sign in as sam@mailed.example.");

        using var portal = new PortalBrowser(system.Host.Gateway);
        await portal.SignInAsync(tenant.Slug, "sam@mailed.example", "a long sales passphrase");
        var viewer = await portal.GraphQLAsync("{ viewer { permissions } }");
        Assert.Contains("customers:write", viewer["data"]!["viewer"]!["permissions"]!.AsArray().Select(p => (string)p!));
        // The link is spent: a second acceptance is refused on the page, with the reason.
        var again = await context.NewPageAsync();
        await again.GotoAsync(link);
        await again.FillAsync("#name", "Mallory");
        await again.FillAsync("#password", "another long passphrase");
        await again.ClickAsync("button[type=submit]");
        await Expect(again.Locator("[data-for=token]")).ToBeVisibleAsync();
        await Expect(again.Locator("#done")).ToBeHiddenAsync();
    }

    [Fact]
    public async Task The_invitation_page_opened_without_the_mails_token_says_to_open_the_link_again()
    {
        await using var context = await chromium.NewContextAsync(system.Host.Gateway);
        var page = await context.NewPageAsync();

        var response = await page.GotoAsync("/invitations/accept");

        Assert.Equal(200, response?.Status);
        Assert.Equal("no-store", await response!.HeaderValueAsync("cache-control"));
        await Expect(page.Locator("#missing")).ToContainTextAsync("needs the link from your invitation mail");
        await Expect(page.Locator("#accept")).ToBeHiddenAsync();
    }

    /// <summary>The mail to <paramref name="address"/> in the system's mail folder, once it is there.</summary>
    private async Task<MimeMessage> MailToAsync(string address)
    {
        var folder = Path.Combine(system.DataDirectory, "mail");
        for (var waited = TimeSpan.Zero; ; waited += TimeSpan.FromMilliseconds(100))
        {
            if (Directory.Exists(folder))
                foreach (var file in Directory.GetFiles(folder, "*.eml"))
                {
                    var message = await MimeMessage.LoadAsync(file);
                    if (message.To.Mailboxes.Any(m => m.Address == address))
                        return message;
                }
            Assert.True(waited < TimeSpan.FromSeconds(10), $"No mail to {address} arrived in {folder}.");
            await Task.Delay(100);
        }
    }

    [Fact]
    public async Task A_wrong_password_or_tenant_gets_one_answer_and_no_session()
    {
        var tenant = await Client.SignUpAsync("Guarded Gmbh", adminEmail: "boss@guarded.example");
        using var portal = new PortalBrowser(system.Host.Gateway);

        Assert.Equal(HttpStatusCode.Unauthorized, await portal.TrySignInAsync(tenant.Slug, "boss@guarded.example", "not the password"));
        Assert.Equal(HttpStatusCode.Unauthorized, await portal.TrySignInAsync("no-such-tenant-anywhere", "boss@guarded.example", "correct horse battery"));
        Assert.Equal(HttpStatusCode.OK, await portal.TrySignInAsync(tenant.Slug, "boss@guarded.example", "correct horse battery"));
    }

    [Fact]
    public async Task A_free_tenant_past_its_burst_gets_429_with_retry_after_and_another_tenant_is_unaffected()
    {
        var free = await Client.SignUpAsync("Free Rider", plan: "free");
        var other = await Client.SignUpAsync("Paying Customer", plan: "pro");

        // The free plan's burst is 20 requests; 30 at once must exhaust it.
        var results = await Task.WhenAll(Enumerable.Range(0, 30).Select(_ => Client.SendRawGraphQLAsync(free.ApiKey, "{ __typename }")));
        var refused = results.FirstOrDefault(r => r.StatusCode == HttpStatusCode.TooManyRequests);
        var (otherStatus, _) = await Client.GraphQLAsync(other.ApiKey, "{ __typename }");

        Assert.NotNull(refused);
        Assert.True(refused!.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1));
        Assert.Equal("0", refused.Headers.GetValues("RateLimit-Remaining").Single());
        Assert.Equal(HttpStatusCode.OK, otherStatus);
        foreach (var result in results)
            result.Dispose();
    }

    /// <summary>A browser's view of the portal: a cookie jar, and requests to the gateway with its session cookie.</summary>
    private sealed class PortalBrowser(Uri gateway) : IDisposable
    {
        private readonly HttpClient _http = new(new HttpClientHandler { CookieContainer = new CookieContainer() }) { BaseAddress = gateway };

        public async Task<HttpStatusCode> TrySignInAsync(string tenant, string email, string password)
        {
            using var response = await _http.PostAsJsonAsync("/api/session", new { tenant, email, password });
            return response.StatusCode;
        }

        public async Task SignInAsync(string tenant, string email, string password) =>
            Assert.Equal(HttpStatusCode.OK, await TrySignInAsync(tenant, email, password));

        public async Task<JsonNode> GraphQLAsync(string query)
        {
            using var response = await _http.PostAsJsonAsync("/graphql", new { query });
            return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        }

        public void Dispose() => _http.Dispose();
    }
}

using System.Text.Json.Nodes;
using Microsoft.Playwright;

namespace EndToEnd.Tests.Browser;

/// <summary>
/// A portal user's subscription in a real Chromium: the page signs in (the gateway sets its session cookie), then
/// opens a graphql-transport-ws WebSocket, which the browser sends the cookie on, as it does on any request to the
/// same site. A page of another site cannot: the cookie is SameSite=Strict, so its WebSocket carries no session.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class BrowserWebSocketTests(SystemFixture system, ChromiumBrowser chromium)
    : IClassFixture<SystemFixture>, IClassFixture<ChromiumBrowser>, IAsyncLifetime
{
    private const string Password = "correct horse battery";

    /// <summary>Opens the socket, and answers "subscribed" once the server acknowledged it and the subscription is sent, or how it closed.</summary>
    private const string Subscribe = """
        ([url, query]) => new Promise(resolve => {
            window.events = [];
            const socket = new WebSocket(url, 'graphql-transport-ws');
            socket.onopen = () => socket.send(JSON.stringify({ type: 'connection_init' }));
            socket.onmessage = m => {
                const message = JSON.parse(m.data);
                if (message.type !== 'connection_ack')
                    return window.events.push(message);
                socket.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query } }));
                resolve('subscribed');
            };
            socket.onclose = e => resolve('closed ' + e.code);
        })
        """;

    private IBrowserContext _context = null!;
    private IPage _page = null!;

    private string SocketUrl => $"ws://{system.Host.Gateway.Authority}/graphql";

    public async Task InitializeAsync()
    {
        _context = await chromium.NewContextAsync(system.Host.Gateway);
        _page = await _context.NewPageAsync();
        await _page.GotoAsync("/graphql");
    }

    public async Task DisposeAsync() => await _context.DisposeAsync();

    private async Task SignInAsync(CrmClient.Tenant tenant) =>
        Assert.Equal(200, await _page.EvaluateAsync<int>("""
            ([tenant, email, password]) => fetch('/api/session', {
                method: 'POST', headers: { 'content-type': 'application/json' },
                body: JSON.stringify({ tenant, email, password }) }).then(r => r.status)
            """, new[] { tenant.Slug, "admin@example.com", Password }));

    [Fact]
    public async Task A_signed_in_page_subscribes_over_a_websocket_with_its_session_cookie_and_hears_its_tenant()
    {
        var tenant = await system.Client.SignUpAsync("Socket Shop");
        await SignInAsync(tenant);

        Assert.Equal("subscribed", await _page.EvaluateAsync<string>(Subscribe, new[] { SocketUrl, "subscription { customerCreated { name } }" }));

        // The subscription hears of customers from when its poll reaches the tenant's feed, a moment after the
        // acknowledgement: create customers until the page has heard of one.
        for (var i = 0; ; i++)
        {
            var events = JsonNode.Parse(await _page.EvaluateAsync<string>("() => JSON.stringify(window.events)"))!.AsArray();
            if (events.Any(e => (string?)e!["type"] == "next"))
            {
                var next = events.First(e => (string?)e!["type"] == "next")!;
                Assert.Equal("1", (string?)next["id"]);
                Assert.Equal("Grace Hopper", (string?)next["payload"]!["data"]!["customerCreated"]!["name"]);
                break;
            }
            Assert.True(i < 60, $"no event reached the page in 30 s; it has: {events.ToJsonString()}");
            await system.Client.GraphQLAsync(tenant.ApiKey, """mutation { createCustomer(input: {name: "Grace Hopper"}) { customer { id } } }""");
            await Task.Delay(500);
        }
    }

    [Fact]
    public async Task A_page_of_another_site_cannot_open_a_websocket_with_the_session_cookie()
    {
        var tenant = await system.Client.SignUpAsync("Guarded Socket Shop");
        await SignInAsync(tenant);
        // From the gateway's own pages the same socket is served, so what refuses it below is the other site.
        Assert.Equal("subscribed", await _page.EvaluateAsync<string>(Subscribe, new[] { SocketUrl, "subscription { customerCreated { name } }" }));
        // The same gateway by another name is another site: the browser keeps the cookie to 127.0.0.1's own pages.
        await _page.GotoAsync($"http://localhost:{system.Host.Gateway.Port}/graphql");

        var outcome = await _page.EvaluateAsync<string>(Subscribe, new[] { SocketUrl, "subscription { customerCreated { name } }" });

        // Refused at the upgrade (401), which a page sees only as an abnormal close.
        Assert.Equal("closed 1006", outcome);
    }
}

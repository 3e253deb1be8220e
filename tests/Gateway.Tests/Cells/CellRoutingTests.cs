using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Crm.Contracts.Tenants;
using Crm.Contracts.Tenants.Access;
using Crm.Contracts.Tenants.Directory;
using Crm.Contracts.Tenants.Plans;
using Crm.Gateway.Authentication;
using Crm.Gateway.Cells;
using Crm.ServiceDefaults.Tenancy;
using Microsoft.Extensions.DependencyInjection;

namespace Gateway.Tests.Cells;

/// <summary>The gateway's real pipeline in front of one upstream per cell, each answering with its cell's name.</summary>
public sealed class CellRoutingTests : IAsyncLifetime
{
    private const string OperatorToken = "operator-token-for-tests";
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(20);
    private readonly ApiKey _moved = ApiKey.Create(TenantIds.New());
    private readonly ApiKey _stays = ApiKey.Create(TenantIds.New());
    private GatewayUnderTest _gateway = null!;

    private TenantDirectoryView View => _gateway.Services.GetRequiredService<TenantDirectoryView>();

    public async Task InitializeAsync() => _gateway = await GatewayUnderTest.StartAsync(
        new TheseKeys(_moved, _stays), new Dictionary<string, string?> { ["Crm:OperatorToken"] = OperatorToken }, cells: ["cell-2"]);

    public async Task DisposeAsync() => await _gateway.DisposeAsync();

    [Fact]
    public async Task Each_tenant_is_served_by_the_cell_the_directory_places_it_in()
    {
        _gateway.Directory.Place(_moved.TenantId, new TenantPlacement("cell-2", TenantStatus.Active));
        _gateway.ApplyDirectory();

        var moved = await GetAsync(_moved);
        var stays = await GetAsync(_stays);

        Assert.Equal(("cell-2", _moved.TenantId), ((string?)moved["cell"], (string?)moved[TenantContextHeaders.TenantId.ToLowerInvariant()]));
        Assert.Equal(("cell-1", _stays.TenantId), ((string?)stays["cell"], (string?)stays[TenantContextHeaders.TenantId.ToLowerInvariant()]));
    }

    [Fact]
    public async Task The_gateway_follows_the_directory_by_polling_it()
    {
        _gateway.Directory.Place(_moved.TenantId, new TenantPlacement("cell-2", TenantStatus.Active));

        await Until(async () => (string?)(await GetAsync(_moved))["cell"] == "cell-2", "the polled directory to send the tenant to cell-2");
    }

    [Fact]
    public async Task An_operator_suspends_a_tenant_at_once_and_resumes_it()
    {
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(_moved)).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await OperatorAsync($"/ops/tenants/{_moved.TenantId}/suspend")).StatusCode);

        var refused = await SendAsync(_moved);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal("TENANT_SUSPENDED", (string?)(await refused.Content.ReadFromJsonAsync<JsonNode>())!["errors"]![0]!["extensions"]!["code"]);
        // Only a caller with a valid key learns that the tenant is suspended.
        Assert.Equal(HttpStatusCode.Unauthorized, (await SendAsync(ApiKey.Create(_moved.TenantId))).StatusCode);
        // Other tenants go on.
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(_stays)).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await OperatorAsync($"/ops/tenants/{_moved.TenantId}/resume")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(_moved)).StatusCode);
    }

    [Fact]
    public async Task The_operator_API_needs_the_operator_token_and_is_never_forwarded()
    {
        using var noToken = await _gateway.Client.PostAsync($"/ops/tenants/{_moved.TenantId}/suspend", null);
        using var wrongToken = new HttpRequestMessage(HttpMethod.Post, $"/ops/tenants/{_moved.TenantId}/suspend");
        wrongToken.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "not-the-token");
        using var wrong = await _gateway.Client.SendAsync(wrongToken);

        Assert.Equal((HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized), (noToken.StatusCode, wrong.StatusCode));
        Assert.Equal(TenantStatus.Active, View.PlacementOf(_moved.TenantId).Status);
        Assert.Equal(0, _gateway.Forwarded);
    }

    [Fact]
    public async Task A_moving_tenant_waits_for_the_requests_inside_and_then_its_held_requests_go_to_the_new_cell()
    {
        var inside = SendAsync(_moved, "?wait=inside-" + _moved.TenantId);
        await Until(() => Task.FromResult(_gateway.Forwarded == 1), "the first request to reach cell-1");

        _gateway.Directory.Place(_moved.TenantId, new TenantPlacement("cell-1", TenantStatus.Moving, "cell-2"));
        _gateway.ApplyDirectory();
        var drained = View.DrainAsync(_moved.TenantId, Deadline);
        var held = GetAsync(_moved);
        await Until(() => Task.FromResult(View.HeldNow(_moved.TenantId) == 1), "the second request to be held");
        // The request inside keeps the move waiting; the other tenant is not held.
        Assert.False(drained.IsCompleted);
        Assert.Equal("cell-1", (string?)(await GetAsync(_stays))["cell"]);

        ReleasableRequests.Release("inside-" + _moved.TenantId);
        Assert.Equal(HttpStatusCode.OK, (await inside).StatusCode);
        await drained;
        Assert.False(held.IsCompleted);

        _gateway.Directory.Place(_moved.TenantId, new TenantPlacement("cell-2", TenantStatus.Active));
        _gateway.ApplyDirectory();

        Assert.Equal("cell-2", (string?)(await held)["cell"]);
        Assert.Equal(1, View.TakePeakHeld(_moved.TenantId));
    }

    [Fact]
    public async Task A_subscription_does_not_hold_up_a_move_it_is_closed_when_the_move_starts()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql/stream?wait=stream-" + _moved.TenantId);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _moved.ToString());
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        var stream = _gateway.Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        await Until(() => Task.FromResult(_gateway.Forwarded == 1), "the subscription to reach cell-1");

        _gateway.Directory.Place(_moved.TenantId, new TenantPlacement("cell-1", TenantStatus.Moving, "cell-2"));
        _gateway.ApplyDirectory();

        // Nothing else is inside, so the move may go on at once; the open stream is closed for the client to reconnect.
        await View.DrainAsync(_moved.TenantId, Deadline);
        // Closed by the gateway, not by a timeout: the connection breaks well within the deadline.
        Assert.IsType<HttpRequestException>(await Record.ExceptionAsync(() => stream.WaitAsync(Deadline)));
        ReleasableRequests.Release("stream-" + _moved.TenantId);
    }

    [Fact]
    public async Task A_cell_added_to_configuration_takes_requests_without_a_restart()
    {
        _gateway.Directory.Place(_moved.TenantId, new TenantPlacement("cell-3", TenantStatus.Active));
        _gateway.ApplyDirectory();
        using var unknown = await SendAsync(_moved);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, unknown.StatusCode);
        Assert.Contains("cell-3", await unknown.Content.ReadAsStringAsync());

        await _gateway.AddCellAsync("cell-3");

        await Until(async () => (string?)(await GetAsync(_moved, expectOk: false))["cell"] == "cell-3", "cell-3 to take the tenant's requests");
        Assert.Equal("cell-1", (string?)(await GetAsync(_stays))["cell"]);
    }

    private async Task<HttpResponseMessage> SendAsync(ApiKey key, string query = "")
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql/x" + query);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key.ToString());
        return await _gateway.Client.SendAsync(request);
    }

    private async Task<JsonNode> GetAsync(ApiKey key, bool expectOk = true)
    {
        using var response = await SendAsync(key);
        if (expectOk)
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonNode>())!;
    }

    private async Task<HttpResponseMessage> OperatorAsync(string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", OperatorToken);
        return await _gateway.Client.SendAsync(request);
    }

    private static async Task Until(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow + Deadline;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"Waited {Deadline.TotalSeconds} s for {what}.");
            await Task.Delay(20);
        }
    }

    private sealed class TheseKeys(params ApiKey[] keys) : ITenantCredentials
    {
        public ValueTask<KeyAccess?> VerifyKeyAsync(ApiKey key, CancellationToken cancellationToken) =>
            ValueTask.FromResult(keys.Contains(key) ? new KeyAccess("key-" + key.TenantId, [ApiKeyScope.Admin], null, TenantPlan.Enterprise) : null);

        public ValueTask<UserAccess?> VerifyUserAsync(string tenantId, string userId, CancellationToken cancellationToken) =>
            ValueTask.FromResult<UserAccess?>(null);
    }
}

using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Xunit.Abstractions;

namespace EndToEnd.Tests.Cells;

/// <summary>The system with two cells (<c>--cells 2</c>), started once for the class.</summary>
public sealed class TwoCellSystem : SystemFixture
{
    protected override string[] Options => ["--cells", "2"];
}

/// <summary>Item 4 of issue 12: tenants routed to cells, moved between them under load, suspended and resumed.</summary>
[Collection(SystemCollection.Name)]
public sealed class CellMoveTests(TwoCellSystem system, ITestOutputHelper output) : IClassFixture<TwoCellSystem>, IDisposable
{
    private const string Create = "mutation($i: CreateCustomerInput!) { createCustomer(input: $i) { customer { id name } } }";
    private const string Read = "query($id: ID!) { customer(id: $id) { id name } }";
    private const string Count = "{ customers(first: 1) { totalCount } }";
    private const int Clients = 4;
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(2);

    private readonly HttpClient _http = new() { BaseAddress = system.Host.Gateway, Timeout = TimeSpan.FromSeconds(60) };

    [Fact]
    public async Task A_tenant_moves_to_cell_2_under_steady_load_without_one_failed_request()
    {
        var mover = await system.Client.SignUpAsync("Moving Co");
        var bystander = await system.Client.SignUpAsync("Staying Co");
        var written = new ConcurrentBag<(string Id, string Name)>();
        for (var i = 0; i < 20; i++)
            written.Add(await CreateAsync(mover.ApiKey, $"Before {i}", expectCell: "cell-1"));
        var bystanderCustomer = await CreateAsync(bystander.ApiKey, "Bystander", expectCell: "cell-1");

        var failures = new ConcurrentQueue<string>();
        var cells = new ConcurrentDictionary<string, int>();
        var served = 0;
        var servedByCell2 = new int[Clients];
        using var stop = new CancellationTokenSource();
        var load = Enumerable.Range(0, Clients).Select(client => Task.Run(async () =>
        {
            for (var n = 0; !stop.IsCancellationRequested; n++)
            {
                var (status, cell, body) = await SendAsync(mover.ApiKey, Create, new { i = new { name = $"Load {client}-{n}" } });
                var id = (string?)body["data"]?["createCustomer"]?["customer"]?["id"];
                if (status != HttpStatusCode.OK || id is null || body["errors"] is not null)
                {
                    failures.Enqueue($"create answered {(int)status} from {cell}: {body.ToJsonString()}");
                    continue;
                }
                written.Add((id, $"Load {client}-{n}"));
                var (readStatus, readCell, read) = await SendAsync(mover.ApiKey, Read, new { id });
                if (readStatus != HttpStatusCode.OK || (string?)read["data"]?["customer"]?["id"] != id)
                    failures.Enqueue($"read of {id} answered {(int)readStatus} from {readCell}: {read.ToJsonString()}");
                cells.AddOrUpdate(readCell ?? "none", 1, (_, c) => c + 1);
                Interlocked.Add(ref served, 2);
                if (readCell == "cell-2")
                    Interlocked.Increment(ref servedByCell2[client]);
            }
        })).ToList();
        var bystanderLoad = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                var (status, cell, body) = await SendAsync(bystander.ApiKey, Read, new { id = bystanderCustomer.Id });
                if (status != HttpStatusCode.OK || cell != "cell-1" || (string?)body["data"]?["customer"]?["id"] != bystanderCustomer.Id)
                    failures.Enqueue($"bystander read answered {(int)status} from {cell}: {body.ToJsonString()}");
            }
        });

        // The load runs in cell-1 for a while before the move starts.
        await Until(() => Volatile.Read(ref served) >= 40, "40 requests of the load in cell-1");
        var servedBefore = Volatile.Read(ref served);
        var clock = Stopwatch.StartNew();
        var (moveStatus, move) = await OperatorAsync(HttpMethod.Post, $"/ops/tenants/{mover.TenantId}/move?cell=cell-2");
        var moveTook = clock.Elapsed;
        Assert.True(moveStatus == HttpStatusCode.OK, $"the move answered {(int)moveStatus}: {move.ToJsonString()}");
        var servedDuring = Volatile.Read(ref served) - servedBefore;

        // Every client's requests reach cell-2 after the move.
        await Until(() => Enumerable.Range(0, Clients).All(i => Volatile.Read(ref servedByCell2[i]) >= 3), "every load client to be served by cell-2");
        stop.Cancel();
        await Task.WhenAll([.. load, bystanderLoad]);

        Assert.Empty(failures);
        Assert.Equal(("cell-1", "cell-2"), ((string?)move["fromCell"], (string?)move["toCell"]));
        var (_, placement) = await OperatorAsync(HttpMethod.Get, $"/ops/tenants/{mover.TenantId}");
        Assert.Equal(("cell-2", "active"), ((string?)placement["cell"], (string?)placement["status"]));
        // Everything written before and during the move is in cell-2 now: each customer by id, and the list's count.
        foreach (var (id, name) in written)
        {
            var (status, cell, body) = await SendAsync(mover.ApiKey, Read, new { id });
            Assert.Equal((HttpStatusCode.OK, "cell-2", name), (status, cell, (string?)body["data"]?["customer"]?["name"]));
        }
        var (_, countCell, count) = await SendAsync(mover.ApiKey, Count, null);
        Assert.Equal(("cell-2", written.Count), (countCell, (int?)count["data"]?["customers"]?["totalCount"]));
        // The tenant that stayed is untouched.
        var (_, stayedCell, stayed) = await SendAsync(bystander.ApiKey, Read, new { id = bystanderCustomer.Id });
        Assert.Equal(("cell-1", "Bystander"), (stayedCell, (string?)stayed["data"]?["customer"]?["name"]));

        output.WriteLine($"move: {move.ToJsonString()}");
        output.WriteLine($"move call took {moveTook.TotalMilliseconds:0} ms; {servedDuring} load requests answered while it ran; " +
            $"customers written {written.Count}; reads by cell: {string.Join(", ", cells.Select(c => $"{c.Key}={c.Value}"))}; " +
            $"load average: {File.ReadAllText("/proc/loadavg").Trim()}");
    }

    [Fact]
    public async Task Suspending_a_tenant_refuses_its_requests_at_once_and_resuming_restores_them()
    {
        var tenant = await system.Client.SignUpAsync("Suspended Co");
        var customer = await CreateAsync(tenant.ApiKey, "Kept", expectCell: "cell-1");

        var (suspended, _) = await OperatorAsync(HttpMethod.Post, $"/ops/tenants/{tenant.TenantId}/suspend");
        var (refusedStatus, _, refused) = await SendAsync(tenant.ApiKey, Read, new { id = customer.Id });

        Assert.Equal(HttpStatusCode.OK, suspended);
        Assert.Equal(HttpStatusCode.Forbidden, refusedStatus);
        Assert.Equal("TENANT_SUSPENDED", (string?)refused["errors"]?[0]?["extensions"]?["code"]);

        var (resumed, _) = await OperatorAsync(HttpMethod.Post, $"/ops/tenants/{tenant.TenantId}/resume");
        var (status, _, body) = await SendAsync(tenant.ApiKey, Read, new { id = customer.Id });

        Assert.Equal(HttpStatusCode.OK, resumed);
        Assert.Equal((HttpStatusCode.OK, "Kept"), (status, (string?)body["data"]?["customer"]?["name"]));
    }

    [Fact]
    public async Task What_only_the_gateway_sees_of_a_tenant_in_cell_2_is_in_its_audit_log_there()
    {
        var tenant = await system.Client.SignUpAsync("Audited Abroad Co");
        var (moved, _) = await OperatorAsync(HttpMethod.Post, $"/ops/tenants/{tenant.TenantId}/move?cell=cell-2");
        Assert.Equal(HttpStatusCode.OK, moved);

        // A key of the tenant with a wrong secret: the gateway refuses it and records the attempt for the tenant.
        var (refused, _, _) = await SendAsync($"crm_{tenant.TenantId}_wrong-secret", Count, null);
        var (status, cell, audit) = await SendAsync(tenant.ApiKey, "{ auditLog(first: 10) { edges { node { operation outcome } } } }", null);

        Assert.Equal(HttpStatusCode.Unauthorized, refused);
        Assert.Equal((HttpStatusCode.OK, "cell-2"), (status, cell));
        var operations = audit["data"]!["auditLog"]!["edges"]!.AsArray().Select(e => $"{e!["node"]!["operation"]} {e["node"]!["outcome"]}").ToList();
        Assert.Equal("request.refused REFUSED", operations[0]);
        // The entries written in cell-1 before the move came along.
        Assert.Contains("tenant.created OK", operations);
    }

    [Fact]
    public async Task The_operator_API_refuses_a_caller_without_the_operator_token()
    {
        var tenant = await system.Client.SignUpAsync("Curious Co");
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/ops/tenants/{tenant.TenantId}/suspend");
        // A tenant's own API key is not an operator token.
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", tenant.ApiKey);
        using var response = await _http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var (_, placement) = await OperatorAsync(HttpMethod.Get, $"/ops/tenants/{tenant.TenantId}");
        Assert.Equal("active", (string?)placement["status"]);
    }

    public void Dispose() => _http.Dispose();

    private async Task<(string Id, string Name)> CreateAsync(string apiKey, string name, string expectCell)
    {
        var (status, cell, body) = await SendAsync(apiKey, Create, new { i = new { name } });
        Assert.True(status == HttpStatusCode.OK && body["errors"] is null, $"create answered {(int)status}: {body.ToJsonString()}");
        Assert.Equal(expectCell, cell);
        return ((string)body["data"]!["createCustomer"]!["customer"]!["id"]!, name);
    }

    /// <summary>A GraphQL request with the tenant's key: the status, the cell that answered (X-Crm-Cell) and the body.</summary>
    private async Task<(HttpStatusCode Status, string? Cell, JsonNode Body)> SendAsync(string apiKey, string query, object? variables)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = JsonContent.Create(new { query, variables }) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/graphql-response+json"));
        try
        {
            using var response = await _http.SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();
            var cell = response.Headers.TryGetValues("X-Crm-Cell", out var values) ? values.Single() : null;
            return (response.StatusCode, cell, text.Length == 0 ? new JsonObject() : JsonNode.Parse(text) ?? new JsonObject());
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or System.Text.Json.JsonException)
        {
            // A dropped connection, a timeout or a broken body is a failed request too; the caller counts it.
            return (0, null, new JsonObject { ["exception"] = e.Message });
        }
    }

    private async Task<(HttpStatusCode Status, JsonNode Body)> OperatorAsync(HttpMethod method, string path)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", system.OperatorToken);
        using var response = await _http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? new JsonObject() : JsonNode.Parse(text)!);
    }

    private static async Task Until(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"Waited {Patience.TotalMinutes} min for {what}.");
            await Task.Delay(50);
        }
    }
}

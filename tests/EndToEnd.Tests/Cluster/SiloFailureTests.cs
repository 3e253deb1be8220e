using Crm.AppHost.Networking;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;

namespace EndToEnd.Tests.Cluster;

/// <summary>
/// A silo process killed with -9 while tenants write through the gateway: what was acknowledged stays, and the
/// cluster serves again within the product's promise once the other silos have declared it dead. Requests that were
/// already inside the dead silo cannot be answered; they fail when the cluster client's response timeout ends them.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class SiloFailureTests : IDisposable
{
    private static readonly TimeSpan ResumesWithin = TimeSpan.FromSeconds(10);

    // The cluster client's response timeout (10 s, ClusterConnection) with room for a loaded machine.
    private static readonly TimeSpan ResponseTimeoutBound = TimeSpan.FromSeconds(15);
    private const string Create = "mutation($i: CreateCustomerInput!) { createCustomer(input: $i) { customer { id name } } }";
    private readonly string _data = Directory.CreateTempSubdirectory("crm-e2e-kill-").FullName;

    [Fact]
    public async Task Killing_one_of_three_silos_under_writes_loses_no_acknowledged_customer_and_service_resumes_within_10_s()
    {
        await using var system = await AppHostProcess.StartAsync(_data, LoopbackPorts.AllocateOne(),
            new Dictionary<string, string> { ["Gateway__SignupsPerMinutePerAddress"] = "1000" }, "--silos", "3");
        using var client = new CrmClient(system.Gateway);
        var tenants = new List<CrmClient.Tenant>();
        for (var i = 0; i < 4; i++)
            tenants.Add(await client.SignUpAsync($"Kill Nine {i}"));
        var silos = system.SiloProcesses();
        Assert.True(silos.Count == 3, $"expected 3 silo processes, found {silos.Count}.\n{system.Output}");

        var clock = Stopwatch.StartNew();
        var acknowledged = new ConcurrentBag<(string ApiKey, string Id, string Name)>();
        // When each failed request started, and why it failed.
        var failures = new ConcurrentBag<(TimeSpan Started, TimeSpan Ended, string What)>();
        var killedAt = TimeSpan.MaxValue;
        using var stop = new CancellationTokenSource();

        async Task WriteAsync(int writer)
        {
            var tenant = tenants[writer % tenants.Count];
            for (var n = 0; !stop.IsCancellationRequested && n < 100_000; n++)
            {
                var name = $"Writer {writer} customer {n}";
                var started = clock.Elapsed;
                try
                {
                    var (status, body) = await client.GraphQLAsync(tenant.ApiKey, Create, new { i = new { name, email = $"w{writer}.{n}@example.com" } });
                    if (status == HttpStatusCode.OK && body["errors"] is null && body["data"]?["createCustomer"]?["customer"]?["id"] is { } id)
                        acknowledged.Add((tenant.ApiKey, (string)id!, name));
                    else
                        failures.Add((started, clock.Elapsed, $"{(int)status} {body.ToJsonString()}"));
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                {
                    failures.Add((started, clock.Elapsed, e.Message));
                }
            }
        }

        var writers = Enumerable.Range(0, 16).Select(w => Task.Run(() => WriteAsync(w))).ToArray();
        await WaitUntilAsync(() => acknowledged.Count >= 200, TimeSpan.FromSeconds(60), "200 writes before the kill");
        Assert.Empty(failures);

        // The second silo, not the first: no silo may be special.
        killedAt = clock.Elapsed;
        AppHostProcess.KillNine(silos[1]);
        var beforeKill = acknowledged.Count;
        await WaitUntilAsync(() => clock.Elapsed - killedAt > ResumesWithin + TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(40), "writes after the kill");
        await stop.CancelAsync();
        await Task.WhenAll(writers);

        // Service has resumed when requests started since then all succeed.
        var lastFailedStart = failures.IsEmpty ? killedAt : failures.Max(f => f.Started);
        Assert.True(lastFailedStart - killedAt < ResumesWithin,
            $"a request started {(lastFailedStart - killedAt).TotalSeconds:F1} s after the kill still failed; the last failures (started, ended after the kill): " +
            string.Join("\n", failures.OrderByDescending(f => f.Started).Take(3).Select(f =>
                $"{(f.Started - killedAt).TotalSeconds:F1} s, {(f.Ended - killedAt).TotalSeconds:F1} s: {f.What}")));
        // No request hangs on the dead silo for long: the ones it swallowed fail within the cluster client's response timeout.
        Assert.All(failures, f => Assert.True(f.Ended - f.Started < ResponseTimeoutBound, $"a request failed only after {(f.Ended - f.Started).TotalSeconds:F1} s: {f.What}"));
        Assert.True(acknowledged.Count > beforeKill + 100, $"only {acknowledged.Count - beforeKill} writes were acknowledged after the kill");

        // Every acknowledged customer is there, read through the gateway from the two silos left.
        foreach (var (apiKey, id, name) in acknowledged)
        {
            var (_, read) = await client.GraphQLAsync(apiKey, "query($id: ID!) { customer(id: $id) { name } }", new { id });
            Assert.True((string?)read["data"]?["customer"]?["name"] == name, $"acknowledged customer {id} ({name}) reads as {read.ToJsonString()}");
        }
    }

    private static async Task WaitUntilAsync(Func<bool> condition, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"timed out waiting for {what}");
            await Task.Delay(50);
        }
    }

    public void Dispose() => Directory.Delete(_data, recursive: true);
}

using Crm.AppHost.Networking;
using Crm.Benchmarks.Processes;
using EndToEnd.Tests;

namespace Crm.Benchmarks.EndToEnd;

/// <summary>
/// The whole system as users drive it: the AppHost as a process (which starts every service as its own), many
/// tenants' API calls through the gateway, a mix of createCustomer mutations and customer(id:) reads. Its baseline
/// is the gateway hop alone (<see cref="HelloGateway"/>), driven by the same client with the same callers, so the
/// ratio says what the CRM's own work costs on top of one proxied HTTP request.
/// </summary>
public sealed class EndToEndSuite : IBenchmarkSuite
{
    private const int Tenants = 20;
    private const int CustomersPerTenant = 20;
    private const int Callers = 64;
    private const int Windows = 3;
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan OpenLoop = TimeSpan.FromSeconds(10);

    public string Name => "e2e";

    public async Task RunAsync(BenchmarkReport report, CancellationToken cancellationToken)
    {
        var errors = new LoadGenerator.Errors();
        double hello;
        await using (var gateway = await HelloGateway.StartAsync())
        {
            BenchmarkReport.Progress($"baseline: {Callers} callers → YARP process → Kestrel process answering constant JSON");
            using var http = Http.Client(gateway.Address);
            hello = await BestOfAsync((_, _) => HelloAsync(http), errors, cancellationToken);
        }

        var data = Directory.CreateTempSubdirectory("crm-bench-e2e-");
        try
        {
            BenchmarkReport.Progress($"e2e: starting the AppHost on {data.FullName}");
            await using var system = await AppHostProcess.StartAsync(data.FullName, LoopbackPorts.AllocateOne(),
                new Dictionary<string, string> { ["Gateway__SignupsPerMinutePerAddress"] = "1000" });
            BenchmarkReport.Progress($"e2e: gateway {system.Gateway}; signing up {Tenants} tenants, {CustomersPerTenant} customers each");
            using var traffic = CrmTraffic.For(system.Gateway);
            await traffic.SeedAsync(Tenants, CustomersPerTenant);

            BenchmarkReport.Progress($"e2e: {Callers} callers, one createCustomer in five, the rest customer(id:) reads, over {Tenants} tenants");
            var mixed = await BestOfAsync(traffic.MixedAsync, errors, cancellationToken);

            var half = mixed / 2;
            BenchmarkReport.Progress($"e2e: open loop at {half:0} requests/s (half the saturated rate) for {OpenLoop.TotalSeconds} s");
            var open = await LoadGenerator.OpenLoopAsync(half, OpenLoop, traffic.MixedAsync, errors, cancellationToken);
            BenchmarkReport.Progress($"e2e: open loop achieved {open.RateAchieved:0}/s, p50 {open.P50Ms:0.0} ms, p99 {open.P99Ms:0.0} ms");

            report.Add("e2e.mixed_rps", mixed, "requests/s");
            report.Add("baseline.gateway_hello_rps", hello, "requests/s");
            report.Add("e2e.ratio_to_baseline", mixed / hello, "ratio");
            report.Add("e2e.p99_ms_at_half_load", open.P99Ms, "ms");
            report.Add("e2e.errors", errors.Count, "errors");
            if (errors.Count > 0)
                BenchmarkReport.Progress($"e2e: {errors.Count} errors; the first: {errors.First}");
        }
        finally
        {
            try
            {
                data.Delete(recursive: true);
            }
            catch (IOException)
            {
                // a service still closing a file; the OS cleans temp eventually
            }
        }
    }

    /// <summary>A warm-up window, then the best of <see cref="Windows"/>; every window's errors count.</summary>
    private static async Task<double> BestOfAsync(LoadGenerator.Operation operation, LoadGenerator.Errors errors, CancellationToken cancellationToken)
    {
        await LoadGenerator.ClosedLoopAsync(Callers, WarmUp, operation, errors, cancellationToken);
        var best = 0.0;
        for (var i = 0; i < Windows; i++)
        {
            var rate = await LoadGenerator.ClosedLoopAsync(Callers, Window, operation, errors, cancellationToken);
            BenchmarkReport.Progress($"  window {i + 1}: {rate:0} requests/s; errors so far {errors.Count}");
            best = Math.Max(best, rate);
        }
        return best;
    }

    private static async Task HelloAsync(HttpClient http)
    {
        using var response = await http.GetAsync(HelloGateway.Path).ConfigureAwait(false);
        var body = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
        if (!response.IsSuccessStatusCode || !body.Contains("world", StringComparison.Ordinal))
            throw new InvalidDataException($"{HelloGateway.Path} answered {(int)response.StatusCode}: {body}");
    }
}

using System.Net;
using System.Net.Sockets;
using Crm.AppHost;
using Crm.AppHost.Networking;
using AppHost.Tests.Fakes;

namespace AppHost.Tests;

/// <summary>The whole AppHost run (options to stop) with every service replaced by the fake service.</summary>
public sealed class CrmAppHostTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(3);
    private readonly TempDirectory _temp = new();
    private readonly CapturingWriter _out = new();
    private readonly CapturingWriter _error = new();

    public void Dispose() => _temp.Dispose();

    private AppHostContext Context(IReadOnlyDictionary<string, string[]>? behaviours = null) => new(
        _out,
        _error,
        _temp.Path,
        new Dictionary<string, string> { ["OTEL_EXPORTER_OTLP_ENDPOINT"] = "http://127.0.0.1:4317" },
        FakeServices.Manifest(_temp, behaviours),
        Crm.AppHost.Resources.DotnetMuxer.Locate(),
        Environment.ProcessId,
        log => FakeServices.Settings(log));

    [Fact]
    public async Task Starts_every_service_announces_the_gateway_once_and_stops_cleanly_with_exit_code_0()
    {
        var port = PortAllocator.AllocateFree(1)[0];
        var data = _temp.Combine("data");
        using var stopping = new CancellationTokenSource();

        var run = CrmAppHost.RunAsync(["--data", data, "--port", port.ToString(), "--silos", "2"], Context(), stopping.Token);
        await _out.WaitForLineAsync(l => l.StartsWith("Gateway: ", StringComparison.Ordinal), Patience);

        Assert.Single(_out.Lines, $"Gateway: http://127.0.0.1:{port}");
        Assert.Contains($"Data: {data}", _out.Lines);
        var lines = _out.Lines.ToList();
        int Index(string prefix) => lines.FindIndex(l => l.StartsWith(prefix, StringComparison.Ordinal));
        Assert.All(["customer-silo-1", "customer-silo-2"], silo => Assert.InRange(Index($"{silo} is ready"), 0, Index("started graphql")));
        Assert.All(["graphql", "campaigns"], service => Assert.InRange(Index($"{service} is ready"), Index($"started {service}"), Index("started gateway")));
        using (var http = Crm.AppHost.Health.ReadinessSettings.CreateHttpClient())
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync($"http://127.0.0.1:{port}/health")).StatusCode);
        var gatewayEnv = FakeEnvironment("gateway");
        var graphqlUrl = _out.Lines.Single(l => l.StartsWith("started graphql", StringComparison.Ordinal)).Split(" on ")[1].Split(',')[0];
        Assert.Equal(graphqlUrl, gatewayEnv["Services__graphql"]);
        Assert.Equal($"Data Source={Path.Combine(data, "cluster.db")}", gatewayEnv["Orleans__Clustering__ConnectionString"]);
        Assert.Equal(File.ReadAllText(Path.Combine(data, "gateway.secret")), gatewayEnv["Crm__GatewaySecret"]);
        Assert.Equal(Environment.ProcessId.ToString(), gatewayEnv["CRM_PARENT_PID"]);
        Assert.Equal("http://127.0.0.1:4317", gatewayEnv["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        Assert.Equal("customer-silo-2", FakeEnvironment("customer-silo-2")["OTEL_SERVICE_NAME"]);
        var pids = FakePids();

        await stopping.CancelAsync();

        Assert.Equal(0, await run.WaitAsync(Patience));
        Assert.Equal(5, pids.Count);
        Assert.All(pids, pid => Assert.False(ProcessProbe.IsAlive(pid)));
        PortAllocator.EnsureAvailable(port, "gateway");
        Assert.Equal("stopped.", _out.Lines[^1]);
        Assert.Empty(_error.Lines);
    }

    [Fact]
    public async Task A_service_crashing_at_start_up_ends_the_run_with_exit_code_1_and_its_last_lines()
    {
        var port = PortAllocator.AllocateFree(1)[0];
        var behaviours = new Dictionary<string, string[]> { ["Crm.GraphQL"] = ["READY_DELAY_MS=600000", "CRASH_AFTER_MS=0"] };

        var exitCode = await CrmAppHost.RunAsync(["--data", _temp.Combine("data"), "--port", port.ToString()], Context(behaviours), CancellationToken.None).WaitAsync(Patience);

        Assert.Equal(1, exitCode);
        Assert.Contains("graphql exited with code 3; the AppHost cannot start without it and stops", _error.Lines);
        Assert.Contains("  | fake: crash line 30", _error.Lines);
        Assert.DoesNotContain(_out.Lines, l => l.StartsWith("Gateway:", StringComparison.Ordinal));
        Assert.DoesNotContain(_out.Lines, l => l.StartsWith("started gateway", StringComparison.Ordinal));
        PortAllocator.EnsureAvailable(port, "gateway");
    }

    [Fact]
    public async Task A_gateway_port_in_use_is_named_and_nothing_starts()
    {
        var holder = new TcpListener(IPAddress.Loopback, 0);
        holder.Start();
        try
        {
            var port = ((IPEndPoint)holder.LocalEndpoint).Port;

            var exitCode = await CrmAppHost.RunAsync(["--data", _temp.Combine("data"), "--port", port.ToString()], Context(), CancellationToken.None);

            Assert.Equal(1, exitCode);
            Assert.Contains($"error: port {port} on 127.0.0.1 (for the gateway) is already in use", _error.Text, StringComparison.Ordinal);
            Assert.DoesNotContain(_out.Lines, l => l.StartsWith("started", StringComparison.Ordinal));
        }
        finally
        {
            holder.Stop();
        }
    }

    [Fact]
    public async Task A_data_folder_in_use_by_another_apphost_is_refused_and_nothing_starts()
    {
        var data = _temp.Combine("data");
        using var other = Crm.AppHost.DataFolders.DataFolderLock.Take(data, processId: 4242);

        var exitCode = await CrmAppHost.RunAsync(["--data", data, "--port", PortAllocator.AllocateFree(1)[0].ToString()], Context(), CancellationToken.None);

        Assert.Equal(1, exitCode);
        Assert.StartsWith($"error: another AppHost (process 4242) is running on the data folder {data}", _error.Lines[0], StringComparison.Ordinal);
        Assert.DoesNotContain(_out.Lines, l => l.StartsWith("started", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_data_folder_that_cannot_be_created_is_named()
    {
        var file = _temp.Combine("a-file");
        File.WriteAllText(file, "");

        var exitCode = await CrmAppHost.RunAsync(["--data", file], Context(), CancellationToken.None);

        Assert.Equal(1, exitCode);
        Assert.StartsWith($"error: cannot use {file} as the data folder", _error.Lines[0], StringComparison.Ordinal);
        Assert.Contains("--data DIR", _error.Lines[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bad_options_print_the_problem_and_usage_and_exit_2()
    {
        var exitCode = await CrmAppHost.RunAsync(["--silos", "many"], Context(), CancellationToken.None);

        Assert.Equal(2, exitCode);
        Assert.Equal("error: --silos expects a whole number from 1 to 16, but got 'many'.", _error.Lines[0]);
        Assert.Contains(_error.Lines, l => l.StartsWith("usage: dotnet run --project src/AppHost", StringComparison.Ordinal));
        Assert.Empty(_out.Lines);
    }

    [Fact]
    public async Task Help_prints_usage_and_exits_0()
    {
        Assert.Equal(0, await CrmAppHost.RunAsync(["--help"], Context(), CancellationToken.None));
        Assert.Contains("  --silos N     number of customer silo processes (1-16); default 1", _out.Lines);
    }

    private Dictionary<string, string> FakeEnvironment(string resource) =>
        File.ReadAllLines(_temp.Combine("data", "logs", resource + ".log"))
            .Where(l => l.StartsWith("fake: env ", StringComparison.Ordinal))
            .Select(l => l["fake: env ".Length..])
            .ToDictionary(l => l[..l.IndexOf('=')], l => l[(l.IndexOf('=') + 1)..]);

    private List<int> FakePids() =>
        _out.Lines.Where(l => l.StartsWith("started ", StringComparison.Ordinal))
            .Select(l => int.Parse(l.Split("(pid ")[1].Split(')')[0]))
            .ToList();
}

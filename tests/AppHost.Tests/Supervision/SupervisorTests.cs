using Crm.AppHost.Networking;
using Crm.AppHost.Reporting;
using Crm.AppHost.Resources;
using Crm.AppHost.Supervision;
using AppHost.Tests.Fakes;

namespace AppHost.Tests.Supervision;

/// <summary>The supervisor driving real fake-service processes (Kestrel, /health) through start, crash and stop.</summary>
public sealed class SupervisorTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(2);
    private readonly TempDirectory _temp = new();
    private readonly CapturingWriter _out = new();
    private readonly CapturingWriter _error = new();

    public void Dispose() => _temp.Dispose();

    private Supervisor Create(IReadOnlyList<ProjectResource> resources, TimeSpan? stopGrace = null, TimeSpan? readinessTimeout = null) =>
        new(new ResourceGraph(resources), FakeServices.Settings(_temp.Combine("logs"), stopGrace, readinessTimeout), new ConsoleReporter(_out, _error));

    [Fact]
    public async Task Starts_a_stage_only_after_the_previous_one_is_ready_and_stops_everything_cleanly()
    {
        var ports = PortAllocator.AllocateFree(2);
        await using var supervisor = Create([
            FakeServices.Resource(_temp, "silo", ports[0], [], "READY_DELAY_MS=1500"),
            FakeServices.Resource(_temp, "api", ports[1], ["silo"]),
        ]);

        Assert.True(await supervisor.StartAsync(CancellationToken.None).WaitAsync(Patience), _error.Text);

        var lines = _out.Lines.ToList();
        Assert.True(lines.FindIndex(l => l.StartsWith("silo is ready", StringComparison.Ordinal)) < lines.FindIndex(l => l.StartsWith("started api", StringComparison.Ordinal)), _out.Text);
        Assert.Contains($"waiting for silo (http://127.0.0.1:{ports[0]}/health) ...", lines);
        var pids = supervisor.RunningProcesses();
        Assert.Equal(["api", "silo"], pids.Keys.Order());

        await supervisor.StopAsync().WaitAsync(Patience);

        Assert.All(pids.Values, pid => Assert.False(ProcessProbe.IsAlive(pid)));
        // SIGTERM reached the service: its host ran its graceful shutdown.
        Assert.Contains("fake: stopping", File.ReadAllLines(_temp.Combine("logs", "api.log")));
        Assert.All(ports, port => PortAllocator.EnsureAvailable(port, "test"));
        Assert.Empty(_error.Lines);
    }

    [Fact]
    public async Task A_crash_during_start_up_fails_the_start_and_reports_the_last_twenty_lines()
    {
        var ports = PortAllocator.AllocateFree(2);
        await using var supervisor = Create([
            FakeServices.Resource(_temp, "silo", ports[0], [], "READY_DELAY_MS=600000", "CRASH_AFTER_MS=0", "CRASH_EXIT_CODE=3"),
            FakeServices.Resource(_temp, "api", ports[1], ["silo"]),
        ]);

        Assert.False(await supervisor.StartAsync(CancellationToken.None).WaitAsync(Patience));

        Assert.Contains("silo exited with code 3; the AppHost cannot start without it and stops", _error.Lines);
        Assert.Contains($"  last 20 lines of silo (full log: {_temp.Combine("logs", "silo.log")}):", _error.Lines);
        Assert.Contains("  | fake: crash line 30", _error.Lines);
        Assert.Contains("  | fake: crash line 11", _error.Lines);
        Assert.DoesNotContain("  | fake: crash line 10", _error.Lines);
        Assert.DoesNotContain(_out.Lines, l => l.StartsWith("started api", StringComparison.Ordinal));
    }

    [Fact]
    public async Task After_start_up_a_crashed_resource_is_reported_and_restarted()
    {
        var port = PortAllocator.AllocateFree(1)[0];
        var crashNow = _temp.Combine("crash-now");
        await using var supervisor = Create([FakeServices.Resource(_temp, "api", port, [], $"CRASH_ON_FILE={crashNow}", "CRASH_EXIT_CODE=5")]);
        Assert.True(await supervisor.StartAsync(CancellationToken.None).WaitAsync(Patience), _error.Text);
        var firstPid = supervisor.RunningProcesses()["api"];
        using var stopping = new CancellationTokenSource();
        var supervising = supervisor.SuperviseAsync(stopping.Token);
        File.WriteAllText(crashNow, "");

        await _error.WaitForLineAsync("api exited with code 5; restarting it in 0.2 s (restart #1 in a row)", Patience);
        await _out.WaitForLineAsync("api is ready again", Patience);

        Assert.Contains("  | fake: crash line 30", _error.Lines);
        var secondPid = supervisor.RunningProcesses()["api"];
        Assert.NotEqual(firstPid, secondPid);
        await stopping.CancelAsync();
        await supervising.WaitAsync(Patience);
        await supervisor.StopAsync().WaitAsync(Patience);
        Assert.False(ProcessProbe.IsAlive(secondPid));
    }

    [Fact]
    public async Task A_restarted_resource_that_never_becomes_ready_is_stopped_and_restarted_again()
    {
        var port = PortAllocator.AllocateFree(1)[0];
        var crashNow = _temp.Combine("crash-now");
        var unhealthy = _temp.Combine("unhealthy");
        // One timeout serves both starts: long enough for the first on a badly overloaded machine (the fake takes
        // about a second when idle), short enough that watching the hung restart time out stays bearable.
        await using var supervisor = Create(
            [FakeServices.Resource(_temp, "api", port, [], $"CRASH_ON_FILE={crashNow}", $"UNHEALTHY_WHILE_FILE={unhealthy}")],
            readinessTimeout: TimeSpan.FromSeconds(20));
        Assert.True(await supervisor.StartAsync(CancellationToken.None).WaitAsync(Patience), _error.Text);
        using var stopping = new CancellationTokenSource();
        var supervising = supervisor.SuperviseAsync(stopping.Token);
        File.WriteAllText(unhealthy, "");
        File.WriteAllText(crashNow, "");

        await _error.WaitForLineAsync(l => l.StartsWith("api did not become ready within", StringComparison.Ordinal), Patience);
        var hungPid = int.Parse(_out.Lines.Last(l => l.StartsWith("started api", StringComparison.Ordinal)).Split("(pid ")[1].Split(')')[0]);
        File.Delete(unhealthy);
        await _out.WaitForLineAsync("api is ready again", Patience);

        Assert.False(ProcessProbe.IsAlive(hungPid));
        Assert.Contains("api exited with code 3; restarting it in 0.2 s (restart #1 in a row)", _error.Lines);
        Assert.Contains(_error.Lines, l => l.StartsWith("api exited with code 0; restarting it in 0.4 s (restart #2 in a row)", StringComparison.Ordinal));
        await stopping.CancelAsync();
        await supervising.WaitAsync(Patience);
    }

    [Fact]
    public async Task A_resource_that_ignores_SIGTERM_is_killed_after_the_grace_period_with_whatever_it_started()
    {
        var port = PortAllocator.AllocateFree(1)[0];
        await using var supervisor = Create(
            [FakeServices.Resource(_temp, "stubborn", port, [], "IGNORE_SIGTERM=1", "SPAWN_GRANDCHILD=1")],
            stopGrace: TimeSpan.FromSeconds(1));
        Assert.True(await supervisor.StartAsync(CancellationToken.None).WaitAsync(Patience), _error.Text);
        var pid = supervisor.RunningProcesses()["stubborn"];
        var log = File.ReadAllLines(_temp.Combine("logs", "stubborn.log"));
        var grandchild = int.Parse(log.Single(l => l.StartsWith("fake: grandchild pid=", StringComparison.Ordinal))["fake: grandchild pid=".Length..]);

        await supervisor.StopAsync().WaitAsync(Patience);

        Assert.Contains("fake: ignoring SIGTERM", File.ReadAllLines(_temp.Combine("logs", "stubborn.log")));
        Assert.False(ProcessProbe.IsAlive(pid));
        Assert.True(await ProcessProbe.WaitUntilGoneAsync(grandchild, Patience), $"grandchild {grandchild} was orphaned");
        PortAllocator.EnsureAvailable(port, "test");
    }
}

using System.Net;
using AppHost.Tests.Fakes;
using Crm.AppHost.Health;
using Crm.AppHost.Networking;

namespace AppHost.Tests.RealServices;

/// <summary>
/// The real AppHost executable starting the real services (built because the AppHost references them), as a user
/// would run it. Slower than the fake-service tests, so only what fakes cannot show: the real set comes up, and a
/// signal to the AppHost leaves nothing behind.
/// </summary>
public sealed class RealServicesTests : IDisposable
{
    // A first start on a loaded 2-core machine JIT-compiles five services and creates the SQLite store.
    private static readonly TimeSpan StartPatience = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan StopPatience = TimeSpan.FromMinutes(1);
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Two_silos_start_as_two_processes_and_SIGTERM_to_the_apphost_stops_every_one_of_them()
    {
        var port = PortAllocator.AllocateFree(1)[0];
        using var host = AppHostProcess.Start(_temp.Path, "--data", _temp.Combine("data"), "--port", port.ToString(), "--silos", "2");

        await host.WaitUntilReadyAsync(port, StartPatience);

        // Two silo processes, each answered /health. (Whether each is still alive later is not asserted: on an
        // overloaded machine a silo can miss heartbeats, be declared Dead by the other and be restarted, which is
        // the runtime and the AppHost doing their jobs.)
        var children = host.StartedChildren();
        Assert.Equal(["campaigns", "customer-silo-1", "customer-silo-2", "gateway", "graphql"], children.Select(c => c.Name).Distinct().Order());
        Assert.Equal(2, children.Where(c => c.Name.StartsWith("customer-silo-", StringComparison.Ordinal)).Select(c => c.Pid).Distinct().Count());
        Assert.Contains(host.Output.Lines, l => l.StartsWith("customer-silo-1 is ready", StringComparison.Ordinal));
        Assert.Contains(host.Output.Lines, l => l.StartsWith("customer-silo-2 is ready", StringComparison.Ordinal));
        using (var http = ReadinessSettings.CreateHttpClient())
        {
            var health = await http.GetAsync($"http://127.0.0.1:{port}/health");
            Assert.True(health.StatusCode == HttpStatusCode.OK, $"gateway /health answered {health.StatusCode}\n{host.Transcript}");
        }

        Assert.Equal(0, Kill(host.Pid, "TERM"));

        Assert.True(await host.WaitForExitAsync(StopPatience) == 0, host.Transcript);
        Assert.All(host.StartedChildren(), child => Assert.False(ProcessProbe.IsAlive(child.Pid), $"{child.Name} (pid {child.Pid}) outlived the AppHost"));
        PortAllocator.EnsureAvailable(port, "gateway");
    }

    [Fact]
    public async Task After_a_kill_9_of_the_apphost_its_services_notice_and_stop()
    {
        var port = PortAllocator.AllocateFree(1)[0];
        using var host = AppHostProcess.Start(_temp.Path, "--data", _temp.Combine("data"), "--port", port.ToString());
        await host.WaitUntilReadyAsync(port, StartPatience);
        Assert.Equal(0, Kill(host.Pid, "KILL"));

        // Nobody is left to stop them: each service's parent watchdog (CRM_PARENT_PID) must do it.
        foreach (var (name, pid) in host.StartedChildren())
            Assert.True(await ProcessProbe.WaitUntilGoneAsync(pid, StopPatience), $"{name} (pid {pid}) was orphaned");
        PortAllocator.EnsureAvailable(port, "gateway");
    }

    private static int Kill(int pid, string signal)
    {
        using var kill = System.Diagnostics.Process.Start("kill", [$"-{signal}", pid.ToString()]);
        kill.WaitForExit();
        return kill.ExitCode;
    }
}

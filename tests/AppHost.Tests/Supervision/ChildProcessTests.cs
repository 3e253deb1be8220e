using Crm.AppHost;
using Crm.AppHost.Logs;
using Crm.AppHost.Resources;
using Crm.AppHost.Supervision;
using AppHost.Tests.Fakes;

namespace AppHost.Tests.Supervision;

/// <summary>Real child processes (sh scripts): output, exit codes, and stopping without orphans.</summary>
public sealed class ChildProcessTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private ProjectResource Script(string script, Dictionary<string, string>? environment = null) =>
        new("script", new LaunchSpec("/bin/sh", ["-c", script], _temp.Path), HttpEndpoint.Loopback(1), environment ?? [], []);

    [Fact]
    public async Task Stdout_and_stderr_reach_the_log_file_and_ring_and_the_exit_code_is_reported()
    {
        using var log = new ResourceLog(_temp.Combine("logs"), "script");
        using var child = ChildProcess.Start(Script("echo out-$GREETING; echo err >&2; exit 7", new() { ["GREETING"] = "hi" }), log);

        Assert.Equal(7, await child.Exited.WaitAsync(Patience));
        Assert.Equal(["err", "out-hi"], log.Recent.Last(10).Order(StringComparer.Ordinal));
        Assert.Equal(["err", "out-hi"], File.ReadAllLines(log.FilePath).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Stop_sends_SIGTERM_first_so_the_child_can_shut_down_cleanly()
    {
        using var log = new ResourceLog(_temp.Combine("logs"), "script");
        // `sleep & wait` keeps the shell interruptible; the trap proves SIGTERM (not SIGKILL) arrived.
        using var child = ChildProcess.Start(Script("trap 'echo got-term; exit 0' TERM; echo up; while true; do sleep 0.2 & wait $!; done"), log);
        await WaitForLogAsync(log, "up");

        await child.StopAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(0, await child.Exited);
        Assert.Contains("got-term", log.Recent.Last(10));
        Assert.False(ProcessProbe.IsAlive(child.Pid));
    }

    [Theory]
    [InlineData("trap 'exit 0' TERM", 30_000, 0)] // exits at once, leaving its `sleep` behind: the orphan to prevent
    [InlineData("trap '' TERM", 500, 137)] // ignores SIGTERM: after the grace period it is SIGKILLed (128 + 9)
    public async Task Nothing_the_child_started_outlives_a_stop(string trap, int graceMilliseconds, int expectedExitCode)
    {
        using var log = new ResourceLog(_temp.Combine("logs"), "script");
        using var child = ChildProcess.Start(Script($"{trap}; sleep 600 & echo grandchild $!; wait"), log);
        var grandchild = int.Parse((await WaitForLogAsync(log, "grandchild "))["grandchild ".Length..]);

        await child.StopAsync(TimeSpan.FromMilliseconds(graceMilliseconds));

        Assert.Equal(expectedExitCode, await child.Exited);
        Assert.True(await ProcessProbe.WaitUntilGoneAsync(grandchild, Patience), $"grandchild {grandchild} was orphaned");
    }

    [Fact]
    public void A_missing_executable_is_reported_with_the_resource_name_and_path()
    {
        using var log = new ResourceLog(_temp.Combine("logs"), "ghost");
        var resource = new ProjectResource("ghost", new LaunchSpec(_temp.Combine("no-such-program"), [], _temp.Path), HttpEndpoint.Loopback(1), new Dictionary<string, string>(), []);

        var error = Assert.Throws<AppHostException>(() => ChildProcess.Start(resource, log));

        Assert.Contains("could not start ghost", error.Message, StringComparison.Ordinal);
        Assert.Contains("no-such-program", error.Message, StringComparison.Ordinal);
    }

    private static async Task<string> WaitForLogAsync(ResourceLog log, string prefix)
    {
        // The log has no "line written" event; polling the ring briefly is the honest way to observe it.
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            var line = log.Recent.Last(ResourceLog.RingCapacity).FirstOrDefault(l => l.StartsWith(prefix, StringComparison.Ordinal));
            if (line is not null)
                return line;
            Assert.True(DateTime.UtcNow < deadline, $"no line starting '{prefix}' appeared in the log");
            await Task.Delay(20);
        }
    }
}

using Crm.AppHost.Health;
using Crm.AppHost.Logs;
using Crm.AppHost.Reporting;
using Crm.AppHost.Resources;

namespace Crm.AppHost.Supervision;

/// <summary>One resource under supervision: its current process, its log, and its restart policy.</summary>
internal sealed class SupervisedResource(ProjectResource resource, SupervisorSettings settings, ReadinessWaiter waiter, ConsoleReporter console) : IDisposable
{
    private readonly ResourceLog _log = new(settings.LogDirectory, resource.Name);
    private readonly RestartBackoff _backoff = settings.CreateBackoff();
    private ChildProcess? _current;

    public ProjectResource Resource => resource;

    public ChildProcess? Current => _current;

    public IReadOnlyList<string> RecentLines(int count) => _log.Recent.Last(count);

    public void Launch()
    {
        var next = ChildProcess.Start(resource, _log);
        _current?.Dispose();
        _current = next;
        console.Info($"started {resource.Name} (pid {_current.Pid}) on {resource.Endpoint}, log {_log.FilePath}");
    }

    public async Task<ReadinessResult> WaitReadyAsync(CancellationToken cancellationToken)
    {
        var child = _current ?? throw new InvalidOperationException($"{resource.Name} was not launched");
        console.Info($"waiting for {resource.Name} ({resource.HealthUrl}) ...");
        return await waiter.WaitAsync(
            resource.HealthUrl,
            child.Exited,
            elapsed => console.Info($"still waiting for {resource.Name} ({resource.HealthUrl}), {elapsed.TotalSeconds:0} s so far ..."),
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>False when a stop was requested just after the exit, i.e. the exit was part of stopping.</summary>
    public async Task<bool> IsUnexpectedExitAsync(CancellationToken stopping)
    {
        try
        {
            await Task.Delay(settings.ExitSettleDelay, stopping).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    public void ReportExit(int exitCode, string consequence) =>
        console.ProblemWithLog($"{resource.Name} exited with code {exitCode}; {consequence}", resource.Name, RecentLines(settings.CrashReportLines), _log.FilePath);

    public void ReportNotReady(ReadinessResult result) =>
        console.ProblemWithLog(
            $"{resource.Name} did not become ready within {result.Elapsed.TotalSeconds:0} s: {resource.HealthUrl} never answered 200",
            resource.Name,
            RecentLines(settings.CrashReportLines),
            _log.FilePath);

    /// <summary>After the whole set is ready: restart this resource with backoff whenever it exits, until stopping.</summary>
    public async Task KeepRunningAsync(CancellationToken stopping)
    {
        while (_current is { } child)
        {
            int exitCode;
            try
            {
                exitCode = await child.Exited.WaitAsync(stopping).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            if (!await IsUnexpectedExitAsync(stopping).ConfigureAwait(false))
                return;
            var delay = _backoff.NextDelay(DateTimeOffset.UtcNow - child.StartedAt);
            ReportExit(exitCode, $"restarting it in {delay.TotalSeconds:0.#} s (restart #{_backoff.ConsecutiveCrashes} in a row)");
            try
            {
                await Task.Delay(delay, stopping).ConfigureAwait(false);
                Launch();
                await BecomeReadyAgainAsync(stopping).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (AppHostException e)
            {
                // e.g. its dll is being rebuilt: the old process stays the "current" exited one, so the loop retries.
                console.Problem($"could not restart {resource.Name}: {e.Message}");
            }
        }
    }

    public Task StopAsync() => _current?.StopAsync(settings.StopGrace) ?? Task.CompletedTask;

    public void Dispose()
    {
        _current?.Dispose();
        _log.Dispose();
    }

    private async Task BecomeReadyAgainAsync(CancellationToken stopping)
    {
        var result = await WaitReadyAsync(stopping).ConfigureAwait(false);
        switch (result.Outcome)
        {
            case ReadinessOutcome.Ready:
                console.Info($"{resource.Name} is ready again");
                break;
            case ReadinessOutcome.TimedOut:
                // A hung process is no better than a dead one: stop it, and the loop restarts it with backoff.
                ReportNotReady(result);
                await StopAsync().ConfigureAwait(false);
                break;
            case ReadinessOutcome.Exited:
                break; // the loop sees the exit and reports it
        }
    }
}

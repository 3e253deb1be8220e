using Crm.AppHost.Health;
using Crm.AppHost.Reporting;
using Crm.AppHost.Resources;

namespace Crm.AppHost.Supervision;

/// <summary>
/// Runs a resource graph: starts it stage by stage, each stage only once the previous one answers /health; then
/// restarts whatever crashes; finally stops everything in reverse order.
/// </summary>
public sealed class Supervisor(ResourceGraph graph, SupervisorSettings settings, ConsoleReporter console) : IAsyncDisposable
{
    private readonly HttpClient _http = ReadinessSettings.CreateHttpClient();
    private readonly List<List<SupervisedResource>> _startedStages = [];

    /// <summary>
    /// True when every resource is ready. False when one exited or never became ready (already reported); the
    /// caller should then stop. Throws OperationCanceledException if <paramref name="stopping"/> fires first.
    /// </summary>
    public async Task<bool> StartAsync(CancellationToken stopping)
    {
        var waiter = new ReadinessWaiter(_http, settings.Readiness);
        foreach (var stage in graph.Stages)
        {
            var started = new List<SupervisedResource>();
            _startedStages.Add(started);
            foreach (var resource in stage)
            {
                var supervised = new SupervisedResource(resource, settings, waiter, console);
                started.Add(supervised);
                supervised.Launch();
            }

            if (!await WaitForStageAsync(started, stopping).ConfigureAwait(false))
                return false;
        }

        return true;
    }

    /// <summary>Keeps every resource running (restarting crashed ones) until <paramref name="stopping"/> fires.</summary>
    public Task SuperviseAsync(CancellationToken stopping) =>
        Task.WhenAll(_startedStages.SelectMany(s => s).Select(r => r.KeepRunningAsync(stopping)));

    /// <summary>Stops every started resource, last stage first, each stage in parallel.</summary>
    public async Task StopAsync()
    {
        for (var i = _startedStages.Count - 1; i >= 0; i--)
            await Task.WhenAll(_startedStages[i].Select(r => r.StopAsync())).ConfigureAwait(false);
    }

    /// <summary>The pid of each running resource, by name (for status output and tests).</summary>
    public IReadOnlyDictionary<string, int> RunningProcesses() =>
        _startedStages.SelectMany(s => s)
            .Where(r => r.Current is { Exited.IsCompleted: false })
            .ToDictionary(r => r.Resource.Name, r => r.Current!.Pid);

    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        foreach (var resource in _startedStages.SelectMany(s => s))
            resource.Dispose();
        _http.Dispose();
    }

    private async Task<bool> WaitForStageAsync(List<SupervisedResource> stage, CancellationToken stopping)
    {
        // The first failure in a stage cancels the others' waiting: there is no point waiting minutes for a sibling.
        using var stageFailed = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        var results = await Task.WhenAll(stage.Select(async Task<(SupervisedResource Resource, ReadinessResult? Result)> (resource) =>
        {
            try
            {
                var result = await resource.WaitReadyAsync(stageFailed.Token).ConfigureAwait(false);
                if (result.Outcome != ReadinessOutcome.Ready)
                    await stageFailed.CancelAsync().ConfigureAwait(false);
                return (resource, result);
            }
            catch (OperationCanceledException) when (!stopping.IsCancellationRequested)
            {
                return (resource, null);
            }
        })).ConfigureAwait(false);

        var ok = true;
        foreach (var (resource, result) in results)
        {
            switch (result?.Outcome)
            {
                case ReadinessOutcome.Ready:
                    console.Info($"{resource.Resource.Name} is ready ({result.Elapsed.TotalSeconds:0.0} s)");
                    break;
                case ReadinessOutcome.Exited:
                    if (!await resource.IsUnexpectedExitAsync(stopping).ConfigureAwait(false))
                        throw new OperationCanceledException(stopping);
                    resource.ReportExit(result.ExitCode ?? -1, "the AppHost cannot start without it and stops");
                    ok = false;
                    break;
                case ReadinessOutcome.TimedOut:
                    resource.ReportNotReady(result);
                    ok = false;
                    break;
                default:
                    ok = false; // its waiting was cut short by a sibling's failure, reported above
                    break;
            }
        }

        return ok;
    }
}

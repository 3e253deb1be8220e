using System.Diagnostics;

namespace Crm.AppHost.Health;

/// <summary>
/// Polls a health URL until it answers 200, the process exits, or the time limit passes; reports progress now and
/// then so a slow first start (JIT, creating the SQLite files) does not look like a hang.
/// </summary>
public sealed class ReadinessWaiter(HttpClient http, ReadinessSettings settings)
{
    public async Task<ReadinessResult> WaitAsync(Uri healthUrl, Task<int> exited, Action<TimeSpan> stillWaiting, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var nextProgress = settings.ProgressInterval;
        while (true)
        {
            if (await IsHealthyAsync(healthUrl, cancellationToken).ConfigureAwait(false))
                return new ReadinessResult(ReadinessOutcome.Ready, clock.Elapsed);
            if (exited.IsCompleted)
                return new ReadinessResult(ReadinessOutcome.Exited, clock.Elapsed, await exited.ConfigureAwait(false));
            var elapsed = clock.Elapsed;
            if (elapsed >= nextProgress)
            {
                stillWaiting(elapsed);
                nextProgress = elapsed + settings.ProgressInterval;
            }

            if (elapsed >= settings.Timeout)
                return new ReadinessResult(ReadinessOutcome.TimedOut, elapsed);

            // Wake early if the process dies, so a crash is reported at once rather than after the next poll.
            await Task.WhenAny(exited, Task.Delay(settings.PollInterval, cancellationToken)).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
        }
    }

    private async Task<bool> IsHealthyAsync(Uri healthUrl, CancellationToken cancellationToken)
    {
        using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        attempt.CancelAfter(settings.RequestTimeout);
        try
        {
            using var response = await http.GetAsync(healthUrl, HttpCompletionOption.ResponseHeadersRead, attempt.Token).ConfigureAwait(false);
            return response.StatusCode == System.Net.HttpStatusCode.OK;
        }
        catch (HttpRequestException)
        {
            return false; // not listening yet
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false; // listening but too busy to answer in time
        }
    }
}

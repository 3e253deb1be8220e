using Microsoft.Extensions.Logging;

namespace Actors.Runtime;

/// <summary>
/// A background loop that runs one piece of work now and then every interval until disposed; a failed round
/// is logged and the next round retries, because the store may be briefly busy or unreachable.
/// </summary>
internal sealed class PeriodicWork(string name, TimeSpan interval, Func<CancellationToken, Task> work, ILogger logger) : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private Task? _loop;
    private int _disposed;

    public void Start() => _loop ??= Task.Run(() => LoopAsync(_stop.Token));

    private async Task LoopAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(interval);
        try
        {
            do
            {
                try
                {
                    await work(cancellationToken).ConfigureAwait(false);
                }
                catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                {
                    logger.LogWarning(e, "{Work} failed; retrying in {Interval}", name, interval);
                }
            }
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false));
        }
        catch (OperationCanceledException)
        {
            // disposed
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
            return;
        await _stop.CancelAsync().ConfigureAwait(false);
        if (_loop is not null)
            await _loop.ConfigureAwait(false);
        _stop.Dispose();
    }
}

using Actors.Hosting;
using Actors.Placement;
using Microsoft.Extensions.Logging;

namespace Actors.Membership;

/// <summary>
/// Keeps this process's view of the cluster: re-reads the membership table, and for a silo also writes its
/// heartbeat, declares silos whose heartbeat stopped Dead, and notices when it was itself declared Dead.
/// </summary>
internal sealed class MembershipAgent(IMembershipTable table, ActorsOptions options, ILogger<MembershipAgent> logger) : IAsyncDisposable
{
    private static readonly SiloStatus[] Living = [SiloStatus.Joining, SiloStatus.Active, SiloStatus.ShuttingDown];

    private readonly CancellationTokenSource _stop = new();
    private int _disposed;
    private readonly SemaphoreSlim _refreshing = new(1, 1);
    private Task? _loop;
    private volatile ClusterView _view = ClusterView.Empty;

    public IMembershipTable Table => table;

    public ClusterView View => _view;

    /// <summary>Raised after the view changed (a new table version).</summary>
    public event Action<ClusterView>? ViewChanged;

    /// <summary>Raised once when the table says this silo is Dead while it still runs.</summary>
    public event Action? DeclaredDead;

    /// <summary>The silo this agent speaks for; null in a client.</summary>
    public SiloAddress? Self { get; set; }

    public void Start() => _loop ??= Task.Run(() => LoopAsync(_stop.Token));

    public async Task<ClusterView> RefreshAsync(CancellationToken cancellationToken = default)
    {
        await _refreshing.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var snapshot = await table.ReadAllAsync(cancellationToken).ConfigureAwait(false);
            if (snapshot.Version == _view.Version && snapshot.Silos.Count == _view.Snapshot.Silos.Count)
            {
                // Same membership; keep the view (placement caches) but take the fresh heartbeats.
                _view = _view.WithSnapshot(snapshot);
                return _view;
            }
            var view = new ClusterView(snapshot);
            _view = view;
            logger.LogInformation("Membership version {Version}: {Active} active silo(s) [{Silos}]",
                view.Version, view.ActiveSilos.Count, string.Join(", ", view.ActiveSilos));
            ViewChanged?.Invoke(view);
            return view;
        }
        finally
        {
            _refreshing.Release();
        }
    }

    private async Task LoopAsync(CancellationToken cancellationToken)
    {
        var lastHeartbeat = 0L;
        var declaredDead = false;
        using var timer = new PeriodicTimer(Min(options.Membership.RefreshInterval, options.Membership.HeartbeatInterval));
        do
        {
            try
            {
                if (Self is { } self && Environment.TickCount64 - lastHeartbeat >= (long)options.Membership.HeartbeatInterval.TotalMilliseconds)
                {
                    await table.HeartbeatAsync(self, DateTimeOffset.UtcNow, cancellationToken).ConfigureAwait(false);
                    lastHeartbeat = Environment.TickCount64;
                }
                var view = await RefreshAsync(cancellationToken).ConfigureAwait(false);
                if (Self is { } me)
                {
                    if (!declaredDead && view.StatusOf(me) == SiloStatus.Dead)
                    {
                        declaredDead = true;
                        logger.LogCritical("Silo {Silo} was declared Dead by the cluster; it stops serving now", me);
                        DeclaredDead?.Invoke();
                    }
                    else if (view.StatusOf(me) == SiloStatus.Active)
                    {
                        await DeclareSilentSilosDeadAsync(view, me, cancellationToken).ConfigureAwait(false);
                    }
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                logger.LogWarning(e, "Membership table access failed; retrying");
            }
        }
        while (await WaitAsync(timer, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>
    /// Failure detection: an Active silo declares any other silo whose heartbeat is older than the death timeout
    /// Dead, with a status-conditional update so concurrent detectors agree. Once Dead, a silo never returns
    /// (a restart is a new generation), which is what makes fencing safe.
    /// </summary>
    private async Task DeclareSilentSilosDeadAsync(ClusterView view, SiloAddress self, CancellationToken cancellationToken)
    {
        var limit = DateTimeOffset.UtcNow - options.Membership.DeathTimeout;
        var changed = false;
        foreach (var silo in view.Snapshot.Silos)
        {
            if (silo.Address == self || silo.Status == SiloStatus.Dead || silo.HeartbeatAt >= limit)
                continue;
            if (await table.UpdateStatusAsync(silo.Address, SiloStatus.Dead, Living, cancellationToken).ConfigureAwait(false))
            {
                logger.LogWarning("Declared silo {Silo} Dead: no heartbeat since {Heartbeat:O}", silo.Address, silo.HeartbeatAt);
                changed = true;
            }
        }
        if (changed)
        {
            await table.CleanupAsync(DateTimeOffset.UtcNow - TimeSpan.FromHours(1), cancellationToken).ConfigureAwait(false);
            await RefreshAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken cancellationToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

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

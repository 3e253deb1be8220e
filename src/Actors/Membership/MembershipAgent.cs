using Actors.Hosting;
using Actors.Messaging;
using Actors.Placement;
using Actors.Runtime;
using Actors.Telemetry;
using Microsoft.Extensions.Logging;

namespace Actors.Membership;

/// <summary>
/// Keeps this process's view of the cluster: re-reads the membership table, and for a silo also writes its
/// heartbeat, declares silos whose heartbeat stopped Dead, and notices when it was itself declared Dead.
/// </summary>
internal sealed class MembershipAgent : IAsyncDisposable
{
    private readonly IMembershipTable _table;
    private readonly ActorsOptions _options;
    private readonly ILogger<MembershipAgent> _logger;

    public MembershipAgent(IMembershipTable table, ActorsOptions options, ILogger<MembershipAgent> logger)
    {
        _table = table;
        _options = options;
        _logger = logger;
        _loop = new PeriodicWork("Membership round", Min(options.Membership.RefreshInterval, options.Membership.HeartbeatInterval), RoundAsync, logger);
    }

    private static readonly SiloStatus[] Living = [SiloStatus.Joining, SiloStatus.Active, SiloStatus.ShuttingDown];

    private readonly SemaphoreSlim _refreshing = new(1, 1);
    private readonly PeriodicWork _loop;
    private volatile ClusterView _view = ClusterView.Empty;
    private long _lastHeartbeat;
    private bool _declaredDead;
    private SiloProber? _prober;

    public IMembershipTable Table => _table;

    public ClusterView View => _view;

    /// <summary>Raised after the view changed (a new table version).</summary>
    public event Action<ClusterView>? ViewChanged;

    /// <summary>Raised once when the table says this silo is Dead while it still runs.</summary>
    public event Action? DeclaredDead;

    /// <summary>This process's outbound connections, closed when their silo leaves the table.</summary>
    public ConnectionPool? Connections { get; set; }

    /// <summary>The silo this agent speaks for; null in a client.</summary>
    public SiloAddress? Self { get; set; }

    public void Start()
    {
        _loop.Start();
        // A silo also probes its peers directly; a client only reads the table.
        if (Self is not null && Connections is not null && _options.Membership.ProbedSilos > 0 && _prober is null)
        {
            _prober = new SiloProber(this, Connections, _options.Membership, _logger);
            _prober.Start();
        }
    }

    public async Task<ClusterView> RefreshAsync(CancellationToken cancellationToken = default)
    {
        await _refreshing.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var snapshot = await _table.ReadAllAsync(cancellationToken).ConfigureAwait(false);
            if (snapshot.Version == _view.Version && snapshot.Silos.Count == _view.Snapshot.Silos.Count)
            {
                // Same membership; keep the view (placement caches) but take the fresh heartbeats.
                _view = _view.WithSnapshot(snapshot);
                return _view;
            }
            var view = new ClusterView(snapshot);
            _view = view;
            _logger.LogInformation("Membership version {Version}: {Active} active silo(s) [{Silos}]",
                view.Version, view.ActiveSilos.Count, string.Join(", ", view.ActiveSilos));
            ActorTelemetry.MembershipChanges.Add(1);
            ViewChanged?.Invoke(view);
            Connections?.DropAllBut(view.Snapshot.Silos.Where(s => s.Status != SiloStatus.Dead).Select(s => s.Address).ToList());
            return view;
        }
        finally
        {
            _refreshing.Release();
        }
    }

    /// <summary>One round: heartbeat when due, re-read the table, then fencing or failure detection.</summary>
    private async Task RoundAsync(CancellationToken cancellationToken)
    {
        if (Self is { } self && Environment.TickCount64 - _lastHeartbeat >= (long)_options.Membership.HeartbeatInterval.TotalMilliseconds)
        {
            await _table.HeartbeatAsync(self, DateTimeOffset.UtcNow, cancellationToken).ConfigureAwait(false);
            _lastHeartbeat = Environment.TickCount64;
        }
        var view = await RefreshAsync(cancellationToken).ConfigureAwait(false);
        if (Self is not { } me)
            return;
        if (!_declaredDead && view.StatusOf(me) == SiloStatus.Dead)
        {
            _declaredDead = true;
            _logger.LogCritical("Silo {Silo} was declared Dead by the cluster; it stops serving now", me);
            DeclaredDead?.Invoke();
        }
        else if (view.StatusOf(me) == SiloStatus.Active)
        {
            await DeclareSilentSilosDeadAsync(view, me, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Failure detection: an Active silo declares any other silo whose heartbeat is older than the death timeout
    /// Dead, with a status-conditional update so concurrent detectors agree. Once Dead, a silo never returns
    /// (a restart is a new generation), which is what makes fencing safe.
    /// </summary>
    private async Task DeclareSilentSilosDeadAsync(ClusterView view, SiloAddress self, CancellationToken cancellationToken)
    {
        var limit = DateTimeOffset.UtcNow - _options.Membership.DeathTimeout;
        var changed = false;
        foreach (var silo in view.Snapshot.Silos)
        {
            if (silo.Address == self || silo.Status == SiloStatus.Dead || silo.HeartbeatAt >= limit)
                continue;
            if (await _table.UpdateStatusAsync(silo.Address, SiloStatus.Dead, Living, cancellationToken).ConfigureAwait(false))
            {
                _logger.LogWarning("Declared silo {Silo} Dead: no heartbeat since {Heartbeat:O}", silo.Address, silo.HeartbeatAt);
                changed = true;
            }
        }
        if (changed)
        {
            await _table.CleanupAsync(DateTimeOffset.UtcNow - TimeSpan.FromHours(1), cancellationToken).ConfigureAwait(false);
            await RefreshAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// This silo missed <paramref name="missed"/> probes of <paramref name="silo"/> in a row: vote against it in the table
    /// (Orleans' suspicion). When the fresh votes of other Active silos plus this one reach the quorum, the same
    /// version-checked write declares it Dead; if the table changed since this view was read, re-read and decide again.
    /// </summary>
    internal async Task SuspectAsync(SiloAddress silo, int missed, CancellationToken cancellationToken)
    {
        if (Self is not { } self)
            return;
        var options = _options.Membership;
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var view = attempt == 0 ? _view : await RefreshAsync(cancellationToken).ConfigureAwait(false);
            if (view.StatusOf(self) != SiloStatus.Active)
                return; // a silo that is not Active itself has no say
            var entry = view.Snapshot.Silos.FirstOrDefault(s => s.Address == silo);
            if (entry is null || entry.Status != SiloStatus.Active)
                return; // already leaving or declared Dead
            var now = DateTimeOffset.UtcNow;
            var others = entry.Suspicions
                .Where(v => v.Voter != self && v.Voter != silo && v.At >= now - options.VoteExpiration && view.StatusOf(v.Voter) == SiloStatus.Active)
                .Select(v => v.Voter).Distinct().Count();
            var needed = options.VotesNeeded(view.ActiveSilos.Count);
            var declare = others + 1 >= needed;
            // A fresh vote of ours stands until half the window has passed; renewing it every round would only load the store.
            if (!declare && entry.Suspicions.Any(v => v.Voter == self && v.At >= now - options.VoteExpiration / 2))
                return;
            if (!await _table.SuspectAsync(silo, self, now, declare, view.Version, cancellationToken).ConfigureAwait(false))
                continue;
            ActorTelemetry.Suspicions.Add(1, new KeyValuePair<string, object?>("actors.declared_dead", declare));
            if (declare)
            {
                _logger.LogWarning("Declared silo {Silo} Dead: {Missed} probes missed in a row, {Votes} of {Needed} vote(s) (its heartbeat was {Heartbeat:O})",
                    silo, missed, others + 1, needed, entry.HeartbeatAt);
                await _table.CleanupAsync(DateTimeOffset.UtcNow - TimeSpan.FromHours(1), cancellationToken).ConfigureAwait(false);
                await RefreshAsync(cancellationToken).ConfigureAwait(false);
            }
            else
            {
                _logger.LogWarning("Suspects silo {Silo}: {Missed} probes missed in a row, {Votes} of {Needed} vote(s) so far",
                    silo, missed, others + 1, needed);
            }
            return;
        }
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    public async ValueTask DisposeAsync()
    {
        if (_prober is not null)
            await _prober.DisposeAsync().ConfigureAwait(false);
        await _loop.DisposeAsync().ConfigureAwait(false);
    }
}

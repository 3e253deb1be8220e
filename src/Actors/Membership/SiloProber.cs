using Actors.Hosting;
using Actors.Messaging;
using Actors.Placement;
using Actors.Runtime;
using Actors.Telemetry;
using Microsoft.Extensions.Logging;

namespace Actors.Membership;

/// <summary>
/// Direct failure detection, after Orleans' membership protocol: an Active silo pings its successors in a ring of the
/// Active silos (ordered by a stable hash of their addresses) over the same connections that carry calls, so probes
/// fail exactly when calls would. A ping goes out every probe interval whatever the earlier ones are doing; one not
/// answered within the probe timeout is a miss, an answer resets the count. After the missed-probes limit the silo asks
/// the membership agent to vote against the target (which may complete the quorum and declare it Dead).
/// </summary>
internal sealed class SiloProber : IAsyncDisposable
{
    private readonly MembershipAgent _membership;
    private readonly ConnectionPool _connections;
    private readonly MembershipOptions _options;
    private readonly ILogger _logger;
    private readonly PeriodicWork _loop;
    private readonly Dictionary<SiloAddress, Target> _targets = [];
    private readonly CancellationTokenSource _stop = new();
    private long _lastRoundEnd;
    private long _ringVersion = long.MinValue;
    private IReadOnlyList<SiloAddress> _ring = [];
    private KeyValuePair<string, object?>? _siloTag;

    public SiloProber(MembershipAgent membership, ConnectionPool connections, MembershipOptions options, ILogger logger)
    {
        _membership = membership;
        _connections = connections;
        _options = options;
        _logger = logger;
        if (options.ProbeInterval <= TimeSpan.Zero || options.ProbeTimeout <= TimeSpan.Zero)
            throw new InvalidOperationException("Actors:Membership:ProbeInterval and ProbeTimeout must be positive (set ProbedSilos to 0 to turn probing off).");
        if (options.MissedProbesLimit < 1 || options.VotesForDeath < 1)
            throw new InvalidOperationException("Actors:Membership:MissedProbesLimit and VotesForDeath must be at least 1.");
        _loop = new PeriodicWork("Silo probes", options.ProbeInterval, RoundAsync, logger);
    }

    public void Start() => _loop.Start();

    /// <summary>The silos <paramref name="self"/> probes: its next <paramref name="count"/> successors in the ring of <paramref name="active"/>.</summary>
    internal static List<SiloAddress> Successors(IReadOnlyList<SiloAddress> active, SiloAddress self, int count)
    {
        var ring = active.OrderBy(a => StableHash.Of(a.ToString())).ThenBy(a => a.ToString(), StringComparer.Ordinal).ToList();
        var at = ring.IndexOf(self);
        if (at < 0)
            return [];
        var successors = new List<SiloAddress>();
        for (var i = 1; i < ring.Count && successors.Count < count; i++)
            successors.Add(ring[(at + i) % ring.Count]);
        return successors;
    }

    private async Task RoundAsync(CancellationToken cancellationToken)
    {
        try
        {
            await ProbeAllAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _lastRoundEnd = Environment.TickCount64;
        }
    }

    private async Task ProbeAllAsync(CancellationToken cancellationToken)
    {
        // When this silo itself stalled (its own loop ran this late), the misses it counted meanwhile say nothing about
        // the others: pongs may be waiting unread. Orleans' local health monitor makes the same call.
        var late = _lastRoundEnd == 0 ? 0 : Environment.TickCount64 - _lastRoundEnd - (long)_options.ProbeInterval.TotalMilliseconds;
        var stalled = late > (long)_options.ProbeTimeout.TotalMilliseconds;
        if (_membership.Self is not { } self)
            return;
        _siloTag ??= ActorTelemetry.SiloTag(self.ToString());
        var view = _membership.View;
        if (view.StatusOf(self) != SiloStatus.Active)
        {
            _targets.Clear();
            return;
        }
        if (view.Version != _ringVersion)
        {
            _ring = Successors(view.ActiveSilos, self, _options.ProbedSilos);
            _ringVersion = view.Version;
            foreach (var gone in _targets.Keys.Except(_ring).ToList())
                _targets.Remove(gone);
        }
        foreach (var silo in _ring)
        {
            if (!_targets.TryGetValue(silo, out var target))
                _targets[silo] = target = new Target(silo);
            if (stalled)
            {
                target.Forgive();
                _logger.LogInformation("Probe round ran {Late} ms late; misses of {Silo} so far are ignored", late, silo);
            }
            else if (target.Missed >= _options.MissedProbesLimit)
            {
                try
                {
                    await _membership.SuspectAsync(silo, target.Missed, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    _logger.LogWarning(e, "Writing a suspicion of silo {Silo} failed; retrying next round", silo);
                }
            }
            _ = ProbeAsync(target, _siloTag.Value);
        }
    }

    private async Task ProbeAsync(Target target, KeyValuePair<string, object?> tag)
    {
        var sequence = target.NextSequence();
        ActorTelemetry.ProbesSent.Add(1, tag);
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
            timeout.CancelAfter(_options.ProbeTimeout);
            var connection = await _connections.GetAsync(target.Address).WaitAsync(timeout.Token).ConfigureAwait(false);
            var answered = await connection.PingAsync(target.Address.Generation, timeout.Token).ConfigureAwait(false);
            if (answered == target.Address.Generation)
            {
                target.Answered(sequence);
                return;
            }
            _logger.LogDebug("Silo {Silo} is gone: generation {Generation} answers at its address", target.Address, answered);
        }
        catch (Exception e)
        {
            if (_stop.IsCancellationRequested)
                return;
            _logger.LogDebug("Probe {Sequence} of silo {Silo} missed: {Reason}", sequence, target.Address, e.Message);
        }
        target.Miss(sequence);
        ActorTelemetry.ProbesFailed.Add(1, tag);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _loop.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>Probe results for one silo; pings overlap, so answers and misses are ordered by their sequence number.</summary>
    private sealed class Target(SiloAddress address)
    {
        private readonly Lock _lock = new();
        private long _sent;
        private long _answered;
        private int _missed;

        public SiloAddress Address => address;

        /// <summary>Misses since the last answered ping (counting only pings sent after it).</summary>
        public int Missed
        {
            get
            {
                lock (_lock)
                    return _missed;
            }
        }

        public long NextSequence()
        {
            lock (_lock)
                return ++_sent;
        }

        public void Answered(long sequence)
        {
            lock (_lock)
            {
                if (sequence <= _answered)
                    return;
                _answered = sequence;
                _missed = 0;
            }
        }

        public void Miss(long sequence)
        {
            lock (_lock)
            {
                if (sequence > _answered)
                    _missed++;
            }
        }

        public void Forgive()
        {
            lock (_lock)
            {
                _answered = _sent;
                _missed = 0;
            }
        }
    }
}

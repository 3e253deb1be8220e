using Crm.Contracts.Tenants.Directory;

namespace Crm.Gateway.Cells;

/// <summary>
/// The gateway's copy of the tenant directory, and the gate each tenant's requests pass. A request enters the gate of
/// its tenant's placement; while the tenant is moving, new requests wait at the gate (at most <see cref="MaxHeld"/>,
/// for at most the hold timeout) and the mover waits for the ones inside to finish. Both happen under one lock, so
/// no request can slip in between "the tenant is moving" and "every request has left". A live stream (a
/// subscription over WebSocket or SSE) would never leave, so it is not waited for: it is closed when its tenant
/// starts moving, and the client's reconnection waits at the gate like any new request.
/// </summary>
public sealed class TenantDirectoryView
{
    /// <summary>Requests of one tenant held at once during a move; more are refused with 503, not queued without bound.</summary>
    public const int MaxHeld = 1_000;

    private readonly Lock _lock = new();
    private readonly Dictionary<string, Gate> _gates = new(StringComparer.Ordinal);
    private readonly TaskCompletionSource _loaded = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TenantDirectory _directory;

    public TenantDirectoryView(GatewayCells cells) => _directory = new TenantDirectory(0, cells.Home, new Dictionary<string, TenantPlacement>());

    public long Version { get { lock (_lock) return _directory.Version; } }

    /// <summary>Done once the directory has been read from its grain: until then no tenant's placement is known.</summary>
    public Task Loaded => _loaded.Task;

    public TenantPlacement PlacementOf(string tenantId)
    {
        lock (_lock)
            return _directory.PlacementOf(tenantId);
    }

    /// <summary>
    /// Takes a newer directory; held requests of a tenant that stopped moving go on to its new placement. Null says
    /// the directory grain has nothing newer than this view's version (a fresh directory is version 0).
    /// </summary>
    public void Apply(TenantDirectory? directory)
    {
        var closing = new List<Action>();
        lock (_lock)
        {
            if (directory is not null && directory.Version > _directory.Version)
            {
                _directory = directory;
                foreach (var (tenantId, gate) in _gates.ToList())
                {
                    var moving = directory.PlacementOf(tenantId).Status == TenantStatus.Moving;
                    if (gate.Release is { } release && !moving)
                    {
                        gate.Release = null;
                        release.TrySetResult();
                    }
                    if (moving)
                    {
                        closing.AddRange(gate.Streams.Values);
                        gate.Streams.Clear();
                    }
                    Forget(tenantId, gate);
                }
            }
        }
        // Outside the lock: closing a connection runs the server's callbacks.
        foreach (var close in closing)
            close();
        _loaded.TrySetResult();
    }

    /// <summary>
    /// Lets a request of the tenant in, once it is not moving, and answers where it is placed. Dispose the lease when
    /// the request is done. Fails with <see cref="TenantHeldException"/> when the move outlasts <paramref name="holdTimeout"/>
    /// or too many requests are held already.
    /// </summary>
    /// <param name="closeStream">For a live stream: how to close it when the tenant starts moving. A stream is not
    /// counted among the requests a move waits for.</param>
    public async ValueTask<TenantLease> EnterAsync(string tenantId, TimeSpan holdTimeout, CancellationToken cancellationToken, Action? closeStream = null)
    {
        var deadline = DateTime.UtcNow + holdTimeout;
        while (true)
        {
            Gate gate;
            Task released;
            lock (_lock)
            {
                var placement = _directory.PlacementOf(tenantId);
                gate = GateOf(tenantId);
                if (placement.Status != TenantStatus.Moving)
                {
                    if (closeStream is null)
                    {
                        gate.InFlight++;
                        return new TenantLease(this, tenantId, placement, stream: null);
                    }
                    var stream = new object();
                    gate.Streams[stream] = closeStream;
                    return new TenantLease(this, tenantId, placement, stream);
                }
                if (gate.Held >= MaxHeld)
                    throw new TenantHeldException($"Tenant '{tenantId}' is moving to another cell and {MaxHeld} of its requests are already waiting; retry in a few seconds.");
                gate.Release ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                gate.Held++;
                gate.PeakHeld = Math.Max(gate.PeakHeld, gate.Held);
                released = gate.Release.Task;
            }
            try
            {
                var left = deadline - DateTime.UtcNow;
                await released.WaitAsync(left > TimeSpan.Zero ? left : TimeSpan.Zero, cancellationToken);
            }
            catch (TimeoutException)
            {
                throw new TenantHeldException($"Tenant '{tenantId}' is moving to another cell and the move took longer than {holdTimeout.TotalSeconds:0} s; retry in a few seconds.");
            }
            finally
            {
                lock (_lock)
                {
                    gate.Held--;
                    Forget(tenantId, gate);
                }
            }
        }
    }

    /// <summary>Waits until no request of the tenant is inside (call it once the tenant is moving, so none enter).</summary>
    public async Task DrainAsync(string tenantId, TimeSpan timeout)
    {
        Task drained;
        lock (_lock)
        {
            var gate = GateOf(tenantId);
            if (gate.InFlight == 0)
                return;
            gate.Drained ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            drained = gate.Drained.Task;
        }
        try
        {
            await drained.WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"Requests of tenant '{tenantId}' were still running after {timeout.TotalSeconds:0} s; the move was not started.");
        }
    }

    /// <summary>How many requests of the tenant wait at its gate now.</summary>
    public int HeldNow(string tenantId)
    {
        lock (_lock)
            return _gates.TryGetValue(tenantId, out var gate) ? gate.Held : 0;
    }

    /// <summary>The most requests of the tenant held at once since the last call, and starts counting again.</summary>
    public int TakePeakHeld(string tenantId)
    {
        lock (_lock)
        {
            if (!_gates.TryGetValue(tenantId, out var gate))
                return 0;
            var peak = gate.PeakHeld;
            gate.PeakHeld = 0;
            Forget(tenantId, gate);
            return peak;
        }
    }

    private void Leave(string tenantId, object? stream)
    {
        lock (_lock)
        {
            var gate = _gates[tenantId];
            if (stream is not null)
                gate.Streams.Remove(stream);
            else if (--gate.InFlight == 0 && gate.Drained is { } drained)
            {
                gate.Drained = null;
                drained.TrySetResult();
            }
            Forget(tenantId, gate);
        }
    }

    private Gate GateOf(string tenantId)
    {
        if (!_gates.TryGetValue(tenantId, out var gate))
            _gates[tenantId] = gate = new Gate();
        return gate;
    }

    /// <summary>A gate with nobody at it and nothing to report is dropped, so the map holds only busy tenants.</summary>
    private void Forget(string tenantId, Gate gate)
    {
        if (gate is { InFlight: 0, Held: 0, Release: null, Drained: null, PeakHeld: 0, Streams.Count: 0 })
            _gates.Remove(tenantId);
    }

    private sealed class Gate
    {
        public int InFlight;
        public int Held;
        public int PeakHeld;
        public TaskCompletionSource? Release;
        public TaskCompletionSource? Drained;
        public readonly Dictionary<object, Action> Streams = [];
    }

    /// <summary>A request inside its tenant's gate, and where the tenant was placed when it entered.</summary>
    public sealed class TenantLease(TenantDirectoryView view, string tenantId, TenantPlacement placement, object? stream) : IDisposable
    {
        private int _disposed;

        public TenantPlacement Placement { get; } = placement;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
                view.Leave(tenantId, stream);
        }
    }
}

/// <summary>A request of a moving tenant could not be held until the move ended.</summary>
public sealed class TenantHeldException(string message) : Exception(message);

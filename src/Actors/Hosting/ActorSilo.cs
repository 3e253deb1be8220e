using System.Net;
using Actors.Membership;
using Actors.Messaging;
using Actors.Persistence;
using Actors.Reminders;
using Actors.Routing;
using Actors.Runtime;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Actors.Hosting;

/// <summary>
/// A silo: listens for calls, joins the membership table, hosts activations of the keys it owns, and leaves
/// gracefully (ShuttingDown → deactivate everything so state is persisted → Dead). When the cluster declares it
/// Dead it stops serving at once (fencing) and stops the host.
/// </summary>
public sealed class ActorSilo : IHostedService, IAsyncDisposable
{
    private static readonly SiloStatus[] Living = [SiloStatus.Joining, SiloStatus.Active, SiloStatus.ShuttingDown];

    private readonly ActorsOptions _options;
    private readonly ActorStorage _storage;
    private readonly MembershipAgent _membership;
    private readonly ConnectionPool _connections;
    private readonly SiloListener _listener;
    private readonly CallRouter _router;
    private readonly ReminderService _reminders;
    private readonly IHostApplicationLifetime? _lifetime;
    private readonly ILogger<ActorSilo> _logger;
    private int _fenced;

    internal ActorSilo(ActorsOptions options, ActorStorage storage, MembershipAgent membership, ConnectionPool connections,
        SiloListener listener, CallRouter router, Catalog catalog, ReminderService reminders, IActorFactory factory, ILogger<ActorSilo> logger,
        IHostApplicationLifetime? lifetime = null)
    {
        _options = options;
        _storage = storage;
        _membership = membership;
        _connections = connections;
        _listener = listener;
        _router = router;
        Catalog = catalog;
        _reminders = reminders;
        _lifetime = lifetime;
        _logger = logger;
        catalog.Factory = factory;
        catalog.Rerouter = router;
        router.Local = catalog;
    }

    internal Catalog Catalog { get; }

    internal IStateStore Store => Catalog.Store;

    /// <summary>This silo's row in the membership table; null until started.</summary>
    public SiloAddress? Address { get; private set; }

    public bool IsServing => _router.IsServing;

    public int ActivationCount => Catalog.Count;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!IPAddress.TryParse(_options.Silo.Address, out var ip))
            throw new InvalidOperationException($"Actors:Silo:Address '{_options.Silo.Address}' is not an IP address (e.g. 127.0.0.1).");
        var endpoint = _listener.Start(ip, _options.Silo.Port);
        var self = new SiloAddress(ip.ToString(), endpoint.Port, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() * 1000 + Random.Shared.Next(1000));
        Address = self;
        _router.Self = self;
        _membership.Self = self;
        var now = DateTimeOffset.UtcNow;
        await _storage.Membership.InsertAsync(new SiloEntry(self, SiloStatus.Joining, now, now), cancellationToken).ConfigureAwait(false);
        _router.IsServing = true;
        if (!await _storage.Membership.UpdateStatusAsync(self, SiloStatus.Active, [SiloStatus.Joining], cancellationToken).ConfigureAwait(false))
            throw new InvalidOperationException($"Silo {self} was declared Dead while joining; check that heartbeats reach the store.");
        _membership.ViewChanged += OnViewChanged;
        _membership.DeclaredDead += Fence;
        await _membership.RefreshAsync(cancellationToken).ConfigureAwait(false);
        _membership.Start();
        Catalog.StartCollector();
        _reminders.Start();
        _logger.LogInformation("Silo {Silo} of cluster {Cluster} is Active", self, _options.ClusterId);
    }

    /// <summary>Ownership moved: deactivate what this silo no longer owns, so the new owner is the only activation.</summary>
    private void OnViewChanged(Placement.ClusterView view)
    {
        if (!_router.IsServing || Address is not { } self || view.ActiveSilos.Count == 0)
            return;
        _ = Catalog.DeactivateAsync(a => view.OwnerOf(a.Id) is { } owner && owner != self, DeactivationReason.OwnershipMoved);
    }

    private void Fence()
    {
        if (Interlocked.Exchange(ref _fenced, 1) == 1)
            return;
        _router.IsServing = false;
        _ = Catalog.DeactivateAsync(_ => true, DeactivationReason.OwnershipMoved);
        _lifetime?.StopApplication();
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (Address is not { } self)
            return;
        try
        {
            await _storage.Membership.UpdateStatusAsync(self, SiloStatus.ShuttingDown, [SiloStatus.Active, SiloStatus.Joining], cancellationToken).ConfigureAwait(false);
            _router.IsServing = false;
            try
            {
                await Catalog.DeactivateAsync(_ => true, DeactivationReason.ShuttingDown).WaitAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // A turn that never ends must not keep the silo from leaving; its actor simply was not deactivated.
                _logger.LogWarning("Silo {Silo} stops with {Count} activation(s) still busy after the shutdown timeout", self, Catalog.Count);
            }
            await _storage.Membership.UpdateStatusAsync(self, SiloStatus.Dead, Living, CancellationToken.None).ConfigureAwait(false);
            _logger.LogInformation("Silo {Silo} left the cluster", self);
        }
        finally
        {
            _router.IsServing = false;
            await _reminders.DisposeAsync().ConfigureAwait(false);
            await _membership.DisposeAsync().ConfigureAwait(false);
            await _listener.DisposeAsync().ConfigureAwait(false);
            await Catalog.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>
    /// For test clusters: vanish as a killed process would. No membership update, no deactivation hooks;
    /// heartbeats stop, connections reset, and the cluster has to detect the death by itself.
    /// </summary>
    internal async Task CrashAsync()
    {
        _router.IsServing = false;
        Interlocked.Exchange(ref _fenced, 1);
        await _reminders.DisposeAsync().ConfigureAwait(false);
        await _membership.DisposeAsync().ConfigureAwait(false);
        await _listener.DisposeAsync().ConfigureAwait(false);
        await _connections.DisposeAsync().ConfigureAwait(false);
        await Catalog.DisposeAsync().ConfigureAwait(false);
        Catalog.Abandon();
    }

    /// <summary>
    /// For test clusters: the listener stops answering (every inbound call and ping is dropped), as when it hangs or a
    /// partition cuts this silo off from its peers, while the silo keeps heartbeating and reading the table. Its peers'
    /// probes must find out, vote, and declare it Dead; it then fences itself.
    /// </summary>
    internal void StopAnswering() => _router.Unresponsive = true;

    public async ValueTask DisposeAsync()
    {
        await _connections.DisposeAsync().ConfigureAwait(false);
        await _storage.DisposeAsync().ConfigureAwait(false);
    }
}

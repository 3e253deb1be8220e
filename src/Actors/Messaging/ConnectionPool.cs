using System.Collections.Concurrent;
using System.Net.Sockets;
using Actors.Membership;
using Microsoft.Extensions.Logging;

namespace Actors.Messaging;

/// <summary>
/// One outbound connection per silo, opened on first use and replaced when it closes. Silos this process
/// could not reach are remembered for a moment so that routing can skip them until membership catches up.
/// </summary>
internal sealed class ConnectionPool(ILogger<ConnectionPool> logger) : IAsyncDisposable
{
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan SuspectFor = TimeSpan.FromSeconds(3);

    private readonly ConcurrentDictionary<SiloAddress, Lazy<Task<Connection>>> _connections = new();
    private readonly ConcurrentDictionary<SiloAddress, long> _unreachableUntil = new();
    private volatile bool _disposed;

    public bool IsSuspect(SiloAddress silo) =>
        _unreachableUntil.TryGetValue(silo, out var until) && Environment.TickCount64 < until;

    public void MarkUnreachable(SiloAddress silo) =>
        _unreachableUntil[silo] = Environment.TickCount64 + (long)SuspectFor.TotalMilliseconds;

    public async Task<Connection> GetAsync(SiloAddress silo)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        while (true)
        {
            var lazy = _connections.GetOrAdd(silo, s => new Lazy<Task<Connection>>(() => ConnectAsync(s)));
            Connection connection;
            try
            {
                connection = await lazy.Value.ConfigureAwait(false);
            }
            catch (SiloUnreachableException)
            {
                _connections.TryRemove(new KeyValuePair<SiloAddress, Lazy<Task<Connection>>>(silo, lazy));
                MarkUnreachable(silo);
                throw;
            }
            if (!connection.IsClosed)
                return connection;
            _connections.TryRemove(new KeyValuePair<SiloAddress, Lazy<Task<Connection>>>(silo, lazy));
        }
    }

    private async Task<Connection> ConnectAsync(SiloAddress silo)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
        try
        {
            using var timeout = new CancellationTokenSource(ConnectTimeout);
            await socket.ConnectAsync(silo.EndPoint, timeout.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException)
        {
            socket.Dispose();
            throw new SiloUnreachableException($"Silo {silo} cannot be reached: {e.Message}", e);
        }
        return new Connection(socket, silo.ToString(), handler: null, logger);
    }

    /// <summary>Closes the connection to a silo that left the cluster.</summary>
    public async Task DropAsync(SiloAddress silo)
    {
        if (_connections.TryRemove(silo, out var lazy) && lazy.IsValueCreated && lazy.Value.IsCompletedSuccessfully)
            await lazy.Value.Result.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>Closes connections to silos the membership table no longer lists as living (Dead rows, or removed).</summary>
    public void DropAllBut(IReadOnlyCollection<SiloAddress> living)
    {
        foreach (var silo in _connections.Keys.Where(s => !living.Contains(s)).ToList())
            _ = DropAsync(silo);
    }

    public async ValueTask DisposeAsync()
    {
        _disposed = true;
        foreach (var silo in _connections.Keys.ToList())
            await DropAsync(silo).ConfigureAwait(false);
    }
}

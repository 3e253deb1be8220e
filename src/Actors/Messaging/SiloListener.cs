using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;

namespace Actors.Messaging;

/// <summary>Accepts TCP connections from clients and other silos and serves their requests.</summary>
internal sealed class SiloListener(IRequestHandler handler, ILogger<SiloListener> logger) : IAsyncDisposable
{
    private readonly List<Connection> _connections = [];
    private Socket? _socket;
    private Task? _accept;

    public IPEndPoint? EndPoint { get; private set; }

    public IPEndPoint Start(IPAddress address, int port)
    {
        var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            socket.Bind(new IPEndPoint(address, port));
            socket.Listen(512);
        }
        catch (SocketException e)
        {
            socket.Dispose();
            throw new InvalidOperationException(
                $"The silo cannot listen on {address}:{port}: {e.Message}. Choose another Actors:Silo:Port, or 0 for any free port.", e);
        }
        _socket = socket;
        EndPoint = (IPEndPoint)socket.LocalEndPoint!;
        _accept = Task.Run(AcceptLoopAsync);
        return EndPoint;
    }

    private async Task AcceptLoopAsync()
    {
        while (true)
        {
            Socket client;
            try
            {
                client = await _socket!.AcceptAsync().ConfigureAwait(false);
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
                return; // stopped
            }
            var connection = new Connection(client, client.RemoteEndPoint?.ToString() ?? "?", handler, logger);
            lock (_connections)
            {
                _connections.RemoveAll(c => c.IsClosed);
                _connections.Add(connection);
            }
        }
    }

    /// <summary>Stops accepting and closes every inbound connection (what a killed process would do, minus the crash).</summary>
    public async ValueTask DisposeAsync()
    {
        _socket?.Dispose();
        if (_accept is not null)
            await _accept.ConfigureAwait(false);
        List<Connection> open;
        lock (_connections)
            open = [.. _connections];
        foreach (var connection in open)
            await connection.DisposeAsync().ConfigureAwait(false);
    }
}

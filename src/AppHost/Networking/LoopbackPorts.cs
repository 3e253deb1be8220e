using System.Net;
using System.Net.Sockets;

namespace Crm.AppHost.Networking;

/// <summary>Finds free loopback ports for the services and checks that a chosen port is still free.</summary>
public static class LoopbackPorts
{
    /// <summary>
    /// Returns <paramref name="count"/> distinct free ports. All listeners are held open together so the kernel cannot
    /// hand out the same port twice; they are released just before the children bind them.
    /// </summary>
    public static IReadOnlyList<int> AllocateFree(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var listeners = new List<TcpListener>(count);
        try
        {
            for (var i = 0; i < count; i++)
            {
                var listener = new TcpListener(IPAddress.Loopback, 0);
                listener.Start();
                listeners.Add(listener);
            }

            return listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port).ToArray();
        }
        finally
        {
            foreach (var listener in listeners)
                listener.Stop();
        }
    }

    /// <summary>Throws a clear error naming the port and its user when something already listens on it.</summary>
    public static void EnsureAvailable(int port, string usedFor)
    {
        try
        {
            // The same bind Kestrel will make: on Linux it fails while anything listens there.
            var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            listener.Stop();
        }
        catch (SocketException e) when (e.SocketErrorCode is SocketError.AddressAlreadyInUse or SocketError.AccessDenied)
        {
            throw new AppHostException(
                $"port {port} on 127.0.0.1 (for the {usedFor}) is already in use. Stop whatever listens on it (e.g. `ss -ltnp 'sport = :{port}'`) or choose another port with --port N.");
        }
    }
}

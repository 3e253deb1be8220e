using System.Net.Sockets;

namespace Crm.AppHost.Networking;

public static partial class LoopbackPorts
{
    /// <summary>Throws a clear error naming the port and its user when something already listens on it.</summary>
    public static void EnsureAvailable(int port, string usedFor)
    {
        try
        {
            // The same bind Kestrel will make: on Linux it fails while anything listens there.
            Listen(port).Stop();
        }
        catch (SocketException e) when (e.SocketErrorCode is SocketError.AddressAlreadyInUse or SocketError.AccessDenied)
        {
            throw new AppHostException(
                $"port {port} on 127.0.0.1 (for the {usedFor}) is already in use. Stop whatever listens on it (e.g. `ss -ltnp 'sport = :{port}'`) or choose another port with --port N.");
        }
    }
}

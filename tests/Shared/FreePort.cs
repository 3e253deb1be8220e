using System.Net;
using System.Net.Sockets;

namespace Crm.Tests.Shared;

internal static class FreePort
{
    /// <summary>A loopback port no one listens on now (the OS picks it), for a server the tests start.</summary>
    public static int Next()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)socket.LocalEndPoint!).Port;
    }
}

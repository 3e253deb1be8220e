using System.Net;
using System.Net.Sockets;

namespace Crm.Benchmarks.Processes;

internal static class LoopbackPort
{
    /// <summary>A loopback port free at the time of asking (the OS's pick), for a server about to start.</summary>
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

using System.Net;
using System.Net.Sockets;

namespace Crm.AppHost.Networking;

/// <summary>
/// Finds free loopback ports for the services. This file depends on nothing of the AppHost, so the tests and the
/// benchmarks compile it too and choose ports for the servers they start the same way.
/// </summary>
public static partial class LoopbackPorts
{
    // Ports are chosen from here up to the kernel's ephemeral range: below the common development ports (5432, 5080,
    // 8080 and friends), and never a port the kernel may hand to an outgoing connection in the seconds between our
    // choice and the child's bind. A port from the ephemeral range (what binding port 0 gives) can be taken that way
    // by any process on the machine; a fresh-clone test run lost the gateway's port like that once.
    private const int LowestChosenPort = 15000;
    private const int AttemptsPerPort = 64;
    private const string EphemeralRangeFile = "/proc/sys/net/ipv4/ip_local_port_range";

    // A port handed out is free until its server binds it, which may be seconds later: until then no other caller of
    // this process may get it. The ring forgets the oldest, long since bound or abandoned.
    private const int RememberedPorts = 4096;
    private static readonly Lock HandedOutLock = new();
    private static readonly HashSet<int> HandedOut = [];
    private static readonly Queue<int> HandedOutOrder = new();

    /// <summary>
    /// Returns <paramref name="count"/> distinct free ports below the ephemeral range, none handed out before by this
    /// process. The listeners are held open together while choosing, and released just before the children bind them.
    /// </summary>
    public static IReadOnlyList<int> AllocateFree(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var listeners = new List<TcpListener>(count);
        try
        {
            var ceiling = EphemeralRangeStart();
            for (var i = 0; i < count; i++)
                listeners.Add(ceiling > LowestChosenPort ? ListenBelow(ceiling) : Listen(0));
            var ports = listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port).ToArray();
            lock (HandedOutLock)
                foreach (var port in ports)
                    Remember(port);
            return ports;
        }
        finally
        {
            foreach (var listener in listeners)
                listener.Stop();
        }
    }

    /// <summary>One free port below the ephemeral range.</summary>
    public static int AllocateOne() => AllocateFree(1)[0];

    /// <summary>The first port of the kernel's ephemeral range, or 0 where the system does not say (not Linux).</summary>
    public static int EphemeralRangeStart()
    {
        if (!File.Exists(EphemeralRangeFile))
            return 0;
        var first = File.ReadAllText(EphemeralRangeFile).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();
        return int.TryParse(first, out var port) ? port : 0;
    }

    private static void Remember(int port)
    {
        if (!HandedOut.Add(port))
            return;
        HandedOutOrder.Enqueue(port);
        if (HandedOutOrder.Count > RememberedPorts)
            HandedOut.Remove(HandedOutOrder.Dequeue());
    }

    private static TcpListener ListenBelow(int ceiling)
    {
        for (var attempt = 0; ; attempt++)
        {
            var port = Random.Shared.Next(LowestChosenPort, ceiling);
            bool given;
            lock (HandedOutLock)
                given = HandedOut.Contains(port);
            if (given)
                continue;
            try
            {
                return Listen(port);
            }
            catch (SocketException e) when (e.SocketErrorCode is SocketError.AddressAlreadyInUse && attempt < AttemptsPerPort)
            {
                // Taken: another draw.
            }
        }
    }

    private static TcpListener Listen(int port)
    {
        var listener = new TcpListener(IPAddress.Loopback, port);
        listener.Start();
        return listener;
    }
}

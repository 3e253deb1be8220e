using Crm.AppHost.Networking;
using System.Globalization;
using Crm.Benchmarks.Processes;

namespace Crm.Benchmarks.Actors;

/// <summary>
/// A silo in a process of its own (this executable in mode <c>actors-silo</c>), so that remote calls cross a real
/// process boundary and loopback TCP, as the gateway's and GraphQL service's calls do.
/// </summary>
internal sealed class SiloProcess(ChildMode process, SiloPorts ports, string clusterId) : IAsyncDisposable
{
    public const string Mode = "actors-silo";

    public SiloPorts Ports => ports;

    public string ClusterId => clusterId;

    public static async Task<SiloProcess> StartAsync()
    {
        var ports = new SiloPorts(LoopbackPorts.AllocateOne(), LoopbackPorts.AllocateOne());
        var clusterId = BenchSilo.NewClusterId();
        var process = await ChildMode.StartAsync(Mode, Invariant(ports.Silo), Invariant(ports.Gateway), clusterId).ConfigureAwait(false);
        return new SiloProcess(process, ports, clusterId);
    }

    /// <summary>The child's side.</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length != 4)
        {
            Console.Error.WriteLine($"usage: {Mode} <silo port> <gateway port> <cluster id>");
            return 2;
        }
        var ports = new SiloPorts(int.Parse(args[1], CultureInfo.InvariantCulture), int.Parse(args[2], CultureInfo.InvariantCulture));
        using var host = BenchSilo.Build(ports, ProbeStorage.Memory, args[3]);
        return await ChildMode.ServeAsync(host).ConfigureAwait(false);
    }

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);

    public ValueTask DisposeAsync() => process.DisposeAsync();
}

using System.Net;
using System.Net.Sockets;
using Crm.AppHost;
using Crm.AppHost.Networking;

namespace AppHost.Tests.Networking;

public sealed class LoopbackPortsTests
{
    [Fact]
    public void Allocated_ports_are_distinct_and_can_be_bound_afterwards()
    {
        var ports = LoopbackPorts.AllocateFree(6);

        Assert.Equal(6, ports.Distinct().Count());
        foreach (var port in ports)
        {
            var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            listener.Stop();
        }
    }

    [Fact]
    public void Allocated_ports_lie_below_the_ephemeral_range_so_no_outgoing_connection_can_take_them_before_the_bind()
    {
        var ephemeral = LoopbackPorts.EphemeralRangeStart();
        Assert.True(ephemeral > 0, "this test runs on Linux, which publishes its ephemeral port range");

        var ports = LoopbackPorts.AllocateFree(20);

        Assert.All(ports, port => Assert.InRange(port, 1024, ephemeral - 1));
    }

    [Fact]
    public void Ports_asked_for_one_at_a_time_are_never_handed_out_twice_before_their_servers_bind_them()
    {
        var ports = Enumerable.Range(0, 300).Select(_ => LoopbackPorts.AllocateOne()).ToList();

        Assert.Equal(ports.Count, ports.Distinct().Count());
    }

    [Fact]
    public void A_port_someone_listens_on_is_reported_by_number_and_purpose()
    {
        var holder = new TcpListener(IPAddress.Loopback, 0);
        holder.Start();
        try
        {
            var port = ((IPEndPoint)holder.LocalEndpoint).Port;

            var error = Assert.Throws<AppHostException>(() => LoopbackPorts.EnsureAvailable(port, "gateway"));

            Assert.Contains($"port {port} on 127.0.0.1 (for the gateway) is already in use", error.Message, StringComparison.Ordinal);
            Assert.Contains("--port", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            holder.Stop();
        }
    }

    [Fact]
    public void A_free_port_passes_the_check()
    {
        var port = LoopbackPorts.AllocateFree(1)[0];

        LoopbackPorts.EnsureAvailable(port, "gateway");
    }
}

using Crm.AppHost.Networking;
namespace EndToEnd.Tests;

/// <summary>An AppHost that dies without stopping anything still leaves nothing behind: its orchestrator watches it.</summary>
[Collection(SystemCollection.Name)]
public sealed class KillTests : IDisposable
{
    private static readonly TimeSpan CleanupPatience = TimeSpan.FromMinutes(1);
    private readonly string _data = Directory.CreateTempSubdirectory("crm-e2e-kill-").FullName;

    [Fact]
    public async Task After_a_kill_9_of_the_apphost_every_service_stops_and_the_gateway_port_is_free()
    {
        var port = LoopbackPorts.AllocateOne();
        await using var host = await AppHostProcess.StartAsync(_data, port);
        // The probe must see the running services, or an empty answer after the kill would prove nothing.
        Assert.True(host.ProcessesUsingDataDirectory().Count >= 4, "the process probe does not see the running services");

        host.KillAppHostOnly();

        var deadline = DateTime.UtcNow + CleanupPatience;
        while (host.ProcessesUsingDataDirectory() is { Count: > 0 } left)
        {
            Assert.True(DateTime.UtcNow < deadline, $"{left.Count} processes of the system outlived the AppHost by {CleanupPatience}: {string.Join(", ", left)}");
            await Task.Delay(100);
        }
        Assert.True(AppHostProcess.PortIsFree(port), $"port {port} is still bound after every service stopped");
    }

    public void Dispose() => Directory.Delete(_data, recursive: true);
}

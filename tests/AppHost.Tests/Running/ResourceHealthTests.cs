using System.Net;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace AppHost.Tests.Running;

[Collection(RunningAppCollection.Name)]
public sealed class ResourceHealthTests(RunningApp app)
{
    [Fact]
    public void Every_resource_of_the_system_runs_healthy_and_the_spare_silos_wait_unstarted()
    {
        foreach (var name in RunningApp.System)
        {
            Assert.True(app.Notifications.TryGetCurrentState(name, out var resource), $"{name} is not in the app");
            Assert.Equal(KnownResourceStates.Running, resource.Snapshot.State?.Text);
            Assert.Equal(HealthStatus.Healthy, resource.Snapshot.HealthStatus);
        }
        foreach (var name in RunningApp.SpareSilos)
        {
            Assert.True(app.Notifications.TryGetCurrentState(name, out var spare), $"{name} is not in the app");
            Assert.Equal(KnownResourceStates.NotStarted, spare.Snapshot.State?.Text);
        }
    }

    [Fact]
    public async Task The_gateway_answers_on_its_fixed_port_of_127_0_0_1()
    {
        using var http = new HttpClient();

        using var health = await http.GetAsync(new Uri(app.Gateway, "/health"));

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }
}

using System.Net;
using Crm.ServiceDefaults;
using Crm.ServiceDefaults.Health;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ServiceDefaults.Tests.Health;

public sealed class DefaultEndpointsTests
{
    private static async Task<WebApplication> StartAsync(HealthStatus readiness)
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        builder.AddServiceDefaults();
        builder.Services.AddHealthChecks().AddCheck("store", () => new HealthCheckResult(readiness));
        var app = builder.Build();
        app.UseServiceDefaults();
        await app.StartAsync();
        return app;
    }

    [Fact]
    public async Task A_service_not_ready_answers_503_on_health_but_stays_alive()
    {
        await using var app = await StartAsync(HealthStatus.Unhealthy);
        var client = app.GetTestClient();

        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await client.GetAsync(HealthEndpoints.HealthPath)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(HealthEndpoints.AlivePath)).StatusCode);
    }

    [Fact]
    public async Task A_ready_service_answers_200_on_both()
    {
        await using var app = await StartAsync(HealthStatus.Healthy);
        var client = app.GetTestClient();

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(HealthEndpoints.HealthPath)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(HealthEndpoints.AlivePath)).StatusCode);
    }
}

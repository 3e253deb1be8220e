using Actors.Hosting;
using Actors.Tests.Fixtures;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;

namespace Actors.Tests.Cluster;

/// <summary>The public wiring other services use: AddActorSilo / AddActorClient on a host builder, config section "Actors".</summary>
public sealed class HostingTests : IDisposable
{
    private readonly TempDatabase _database = new();

    private HostApplicationBuilder Builder(string cluster)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Actors:ClusterId"] = cluster,
            ["Actors:Storage:ConnectionString"] = _database.ConnectionString,
        });
        builder.Services.AddSingleton(new Journal());
        return builder;
    }

    [Fact]
    public async Task A_silo_and_a_client_process_find_each_other_through_the_sqlite_membership_table()
    {
        var cluster = "hosting-" + Guid.NewGuid().ToString("N");
        var siloBuilder = Builder(cluster);
        siloBuilder.AddActorSilo(silo => silo.AddActor<IAccountActor, AccountActor>());
        using var silo = siloBuilder.Build();
        var clientBuilder = Builder(cluster);
        clientBuilder.AddActorClient();
        using var client = clientBuilder.Build();

        await silo.StartAsync();
        await client.StartAsync();

        Assert.Equal(HealthStatus.Healthy, (await silo.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync()).Status);
        await WaitHealthy(client);
        var account = client.Services.GetRequiredService<IActorFactory>().Get<IAccountActor>("tenant/1");
        Assert.Equal(5, await account.DepositAsync(5));

        await silo.StopAsync();
        Assert.Equal(HealthStatus.Unhealthy, (await silo.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync()).Status);
        await client.StopAsync();
    }

    [Fact]
    public async Task A_client_without_any_silo_is_unhealthy_and_says_why()
    {
        var builder = Builder("empty-" + Guid.NewGuid().ToString("N"));
        builder.AddActorClient();
        using var client = builder.Build();
        await client.StartAsync();

        var report = await client.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync();

        Assert.Equal(HealthStatus.Unhealthy, report.Status);
        Assert.Contains("no Active silo", report.Entries["actors-client"].Description);
        await client.StopAsync();
    }

    [Fact]
    public void Registering_a_silo_without_actors_or_twice_is_refused_clearly()
    {
        var builder = Builder("x");
        Assert.Contains("at least one", Assert.Throws<InvalidOperationException>(() => builder.AddActorSilo(_ => { })).Message);
        builder.AddActorClient();
        Assert.Contains("once per host", Assert.Throws<InvalidOperationException>(() => builder.AddActorClient()).Message);
    }

    private static async Task WaitHealthy(IHost host)
    {
        var health = host.Services.GetRequiredService<HealthCheckService>();
        var deadline = DateTime.UtcNow.AddSeconds(20);
        HealthReport report;
        while ((report = await health.CheckHealthAsync()).Status != HealthStatus.Healthy)
        {
            Assert.True(DateTime.UtcNow < deadline, string.Join("; ", report.Entries.Select(e => e.Value.Description)));
            await Task.Delay(50);
        }
    }

    public void Dispose() => _database.Dispose();
}

using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Runtime;
using Orleans.Storage;
using Orleans.Storage.Tests.Contracts;
using Orleans.Storage.Tests.Harness;

namespace Orleans.Storage.Tests.Sqlite;

/// <summary>The other ways to set the providers up: a named connection string, code, and a missing connection string.</summary>
public sealed class SqliteConfigurationTests(SqliteBackend backend) : IClassFixture<SqliteBackend>
{
    [Fact]
    public async Task Sections_can_name_a_connection_string_instead_of_holding_it()
    {
        var settings = new Dictionary<string, string?> { ["ConnectionStrings:cluster"] = backend.ConnectionString };
        foreach (var section in new[] { "Orleans:Clustering", "Orleans:Reminders", "Orleans:GrainStorage:Default" })
        {
            settings[$"{section}:ProviderType"] = "Sqlite";
            settings[$"{section}:ConnectionName"] = "cluster";
        }
        await using var silo = ConfiguredHost.Silo("named-" + Guid.NewGuid().ToString("N"), settings);

        await UseAll(silo.Services);
    }

    [Fact]
    public async Task The_code_first_extensions_set_up_the_same_providers()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        var id = "code-" + Guid.NewGuid().ToString("N");
        builder.Configuration.AddInMemoryCollection([new("Orleans:ClusterId", id), new("Orleans:ServiceId", id)]);
        builder.UseOrleans(silo => silo
            .UseSqliteClustering(options => options.ConnectionString = backend.ConnectionString)
            .AddSqliteGrainStorageAsDefault(options => options.ConnectionString = backend.ConnectionString)
            .UseSqliteReminderService(options => options.ConnectionString = backend.ConnectionString));
        using var host = builder.Build();

        await UseAll(host.Services);
    }

    [Fact]
    public async Task A_silo_without_a_connection_string_fails_to_start_saying_which_setting_to_set()
    {
        await using var silo = ConfiguredHost.Silo("missing-" + Guid.NewGuid().ToString("N"), new Dictionary<string, string?>
        {
            ["Orleans:Clustering:ProviderType"] = "Sqlite",
            ["Orleans:Endpoints:AdvertisedIPAddress"] = "127.0.0.1",
        });

        var error = await Assert.ThrowsAnyAsync<Exception>(silo.StartAsync);

        var messages = string.Join(" | ", Chain(error).Select(e => e.Message));
        Assert.Contains("Orleans:Clustering:ConnectionString", messages, StringComparison.Ordinal);
        Assert.Contains("Data Source=", messages, StringComparison.Ordinal);
    }

    private static IEnumerable<Exception> Chain(Exception error)
    {
        for (Exception? e = error; e is not null; e = e.InnerException)
            yield return e;
    }

    private static async Task UseAll(IServiceProvider services)
    {
        var table = services.GetRequiredService<IMembershipTable>();
        await table.InitializeMembershipTableAsync(tryInitTableVersion: true);
        var entry = new MembershipEntry
        {
            SiloAddress = SiloAddress.New(new IPEndPoint(IPAddress.Loopback, 11111), 1),
            HostName = "host", SiloName = "silo", Status = SiloStatus.Active, SuspectTimes = [],
            StartTime = DateTime.UtcNow, IAmAliveTime = DateTime.UtcNow,
        };
        Assert.True(await table.InsertRowAsync(entry, (await table.ReadAllAsync()).Version.Next()));

        var grain = GrainId.Create("profile-grain", "one");
        var storage = services.GetRequiredKeyedService<IGrainStorage>("Default");
        await storage.WriteStateAsync("profile", grain, new ProfileState(new Profile { Name = "one" }));
        var read = new ProfileState();
        await storage.ReadStateAsync("profile", grain, read);
        Assert.Equal("one", read.State.Name);

        var reminders = services.GetRequiredService<IReminderTable>();
        await reminders.StartAsync();
        var etag = await reminders.UpsertRow(new ReminderEntry { GrainId = grain, ReminderName = "r", StartAt = DateTime.UtcNow, Period = TimeSpan.FromMinutes(1) });
        Assert.Equal(etag, (await reminders.ReadRow(grain, "r"))?.ETag);
    }
}

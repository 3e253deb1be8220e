using Crm.AppHost.Networking;
using Crm.Tests.Shared;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Hosting;
using Orleans.Runtime;
using Orleans.Storage.Tests.Fixtures;
using Orleans.Storage.Tests.Harness;
using Orleans.Storage.Tests.Sqlite;

namespace Orleans.Storage.Tests.Reminders;

/// <summary>
/// A reminder is durable: registered on one silo, it keeps firing after that silo stops and a new one starts on the
/// same SQLite file, with nothing calling the grain in between (the new silo finds it in the reminder table).
/// </summary>
public sealed class ReminderRestartTests(SqliteBackend backend) : IClassFixture<SqliteBackend>
{
    private static readonly TimeSpan Period = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);
    private readonly string _clusterId = "reminders-" + Guid.NewGuid().ToString("N");

    [Fact]
    public async Task A_reminder_keeps_firing_after_its_silo_restarts_on_the_same_sqlite_file()
    {
        // Reads the ticks straight from grain storage, so the test itself never activates the grain.
        await using var reader = ConfiguredHost.Silo(_clusterId, backend.Settings("Default"));
        var storage = await reader.GrainStorageAsync("Default");
        GrainId grainId;
        await using (var first = await StartSiloAsync())
        {
            var grain = first.Services.GetRequiredService<IGrainFactory>().GetGrain<ITickingGrain>("ticker");
            grainId = grain.GetGrainId();
            await grain.StartTicking(Period);
            await StoredTicksReachAsync(storage, grainId, 2);
        }
        var ticksBeforeRestart = await StoredTicksAsync(storage, grainId);

        await using var second = await StartSiloAsync();

        await StoredTicksReachAsync(storage, grainId, ticksBeforeRestart + 2);
    }

    private async Task<ConfiguredHost> StartSiloAsync()
    {
        var settings = new Dictionary<string, string?>(backend.Settings("Default"))
        {
            ["Orleans:Endpoints:AdvertisedIPAddress"] = "127.0.0.1",
            ["Orleans:Endpoints:SiloPort"] = LoopbackPorts.AllocateOne().ToString(CultureInfo.InvariantCulture),
            ["Orleans:Endpoints:GatewayPort"] = LoopbackPorts.AllocateOne().ToString(CultureInfo.InvariantCulture),
        };
        // Orleans refuses reminder periods under a minute by default; the test ticks every second.
        var silo = ConfiguredHost.Silo(_clusterId, settings,
            builder => builder.Services.Configure<ReminderOptions>(options => options.MinimumReminderPeriod = Period));
        await silo.StartAsync();
        return silo;
    }

    private static async Task StoredTicksReachAsync(IGrainStorage storage, GrainId grainId, int count)
    {
        using var deadline = new CancellationTokenSource(Deadline);
        int stored;
        while ((stored = await StoredTicksAsync(storage, grainId)) < count)
        {
            if (deadline.IsCancellationRequested)
                Assert.Fail($"the grain stored {stored} ticks, not {count}, within {Deadline}");
            await Task.Delay(Period / 4, CancellationToken.None);
        }
    }

    private static async Task<int> StoredTicksAsync(IGrainStorage storage, GrainId grainId)
    {
        var state = new GrainState<Ticks>(new Ticks());
        await storage.ReadStateAsync(TickingGrain.StateName, grainId, state);
        return state.State?.Count ?? 0;
    }
}

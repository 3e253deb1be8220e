using System.Diagnostics;
using ActorProbes;
using Actors.Invocation;
using Actors.Persistence.Relational;
using Actors.Persistence.Sqlite;
using Actors.Tests.Fixtures;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Xunit.Abstractions;

namespace Actors.Tests.Cluster;

/// <summary>Durability and recovery when a real silo process is killed with SIGKILL under a steady write stream.</summary>
public sealed class KillNineTests(ITestOutputHelper output) : IDisposable
{
    private const int Writers = 16;
    private readonly TempDatabase _database = new();

    [Fact]
    public async Task Every_acknowledged_write_survives_kill_9_and_calls_resume_within_10_seconds()
    {
        var cluster = "kill9-" + Guid.NewGuid().ToString("N")[..8];
        var settings = new Dictionary<string, string>
        {
            ["Actors:ClusterId"] = cluster,
            ["Actors:Storage:ConnectionString"] = _database.ConnectionString,
            ["Actors:Membership:HeartbeatInterval"] = "00:00:00.500",
            ["Actors:Membership:RefreshInterval"] = "00:00:00.500",
            ["Actors:Membership:DeathTimeout"] = "00:00:03",
        };
        await using var first = await SiloProcess.StartAsync(settings);
        await using var second = await SiloProcess.StartAsync(settings);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings.ToDictionary(p => p.Key, p => (string?)p.Value));
        builder.AddActorClient();
        using var client = builder.Build();
        await client.StartAsync();
        var actors = client.Services.GetRequiredService<IActorFactory>();

        using var stop = new CancellationTokenSource();
        var acked = Enumerable.Range(0, Writers).Select(_ => new List<int>()).ToArray();
        var successes = Enumerable.Range(0, Writers).Select(_ => new List<TimeSpan>()).ToArray();
        var failures = new int[Writers];
        var clock = Stopwatch.StartNew();
        var writers = Enumerable.Range(0, Writers).Select(w => Task.Run(async () =>
        {
            var probe = actors.Get<IProbeActor>($"tenant-{w % 4}/probe-{w}");
            for (var sequence = 1; !stop.IsCancellationRequested; sequence++)
            {
                try
                {
                    await probe.WriteAsync(sequence);
                    acked[w].Add(sequence);
                    successes[w].Add(clock.Elapsed);
                }
                catch (Exception e) when (e is ActorUnavailableException or ActorCallTimeoutException or StateConflictException)
                {
                    // Not acknowledged: it may or may not be stored, and the stream goes on.
                    Interlocked.Increment(ref failures[w]);
                    await Task.Delay(20);
                }
            }
        })).ToArray();

        await WaitForAcks(acked, atLeast: 20);
        var killedAt = clock.Elapsed;
        await first.KillAsync();
        output.WriteLine($"killed silo {first.Address} at {killedAt}");
        await Task.Delay(TimeSpan.FromSeconds(12));
        await stop.CancelAsync();
        await Task.WhenAll(writers);
        await client.StopAsync();

        for (var w = 0; w < Writers; w++)
        {
            // The longest pause between two acknowledged writes of this writer around the kill.
            var after = successes[w].Where(t => t > killedAt).ToList();
            Assert.NotEmpty(after);
            var resumed = after[0] - killedAt;
            output.WriteLine($"writer {w}: {acked[w].Count} acked, {failures[w]} failed, resumed {resumed.TotalSeconds:0.00} s after the kill");
            Assert.True(resumed < TimeSpan.FromSeconds(10), $"writer {w} resumed only after {resumed.TotalSeconds:0.0} s");
        }

        // Failure detection declared the killed incarnation Dead (its heartbeat stopped).
        var database = new SqliteDatabase(_database.ConnectionString);
        var table = await new Actors.Membership.RelationalMembershipTable(database, cluster).ReadAllAsync(default);
        Assert.Equal(Actors.Membership.SiloStatus.Dead, table.Silos.Single(s => s.Address.ToString() == first.Address).Status);

        // Read back from the file with a fresh store: nothing acknowledged is missing.
        await using var store = new RelationalStateStore(database);
        var kind = ActorInterfaceRegistry.Get(typeof(IProbeActor)).Kind;
        for (var w = 0; w < Writers; w++)
        {
            var record = await store.ReadAsync(new ActorId(kind, $"tenant-{w % 4}/probe-{w}"), "probe", default);
            var stored = System.Text.Json.JsonSerializer.Deserialize<ProbeState>(record.Data.Span, new System.Text.Json.JsonSerializerOptions(System.Text.Json.JsonSerializerDefaults.Web))!;
            var missing = acked[w].Except(stored.Sequences).ToList();
            Assert.True(missing.Count == 0, $"writer {w} lost acknowledged writes {string.Join(", ", missing.Take(10))}");
        }
    }

    private static async Task WaitForAcks(List<int>[] acked, int atLeast)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (acked.Any(a => a.Count < atLeast))
        {
            Assert.True(DateTime.UtcNow < deadline, "the write stream did not get going");
            await Task.Delay(50);
        }
    }

    public void Dispose() => _database.Dispose();
}

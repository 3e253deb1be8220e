using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Actors.Telemetry;
using Actors.Tests.Fixtures;

namespace Actors.Tests.Telemetry;

/// <summary>Spans and metrics are process-wide, so these tests filter on their own actor keys.</summary>
public sealed class TelemetryTests
{
    [Fact]
    public async Task A_remote_call_is_one_trace_across_client_and_silo()
    {
        var spans = new ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == ActorTelemetry.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = spans.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);
        await using var cluster = await Clusters.StartAsync(1);
        using var parent = new Activity("request").Start();

        await cluster.Client.Get<IEchoActor>("traced").KeyAsync();

        var mine = spans.Where(s => (string?)s.GetTagItem("actor.key") == "traced").ToList();
        var client = Assert.Single(mine, s => s.Kind == ActivityKind.Client);
        var server = Assert.Single(mine, s => s.Kind == ActivityKind.Server);
        Assert.Equal(parent.TraceId, client.TraceId);
        Assert.Equal(client.TraceId, server.TraceId);
        Assert.Equal(client.SpanId, server.ParentSpanId);
        Assert.Equal("KeyAsync", client.DisplayName);
    }

    [Fact]
    public async Task Calls_latency_activations_and_membership_are_measured()
    {
        var measured = new ConcurrentDictionary<string, double>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == ActorTelemetry.Name)
                    l.EnableMeasurementEvents(instrument);
            },
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, _, _) => measured.AddOrUpdate(instrument.Name, value, (_, v) => v + value));
        listener.SetMeasurementEventCallback<double>((instrument, value, _, _) => measured.AddOrUpdate(instrument.Name, 1, (_, v) => v + 1));
        listener.Start();

        using var database = new TempDatabase();
        await using var cluster = await Clusters.StartAsync(1, Clusters.Options(null, "sqlite", database.ConnectionString));
        await cluster.Client.Get<IAccountActor>("metered").DepositAsync(1);

        Assert.True(measured.GetValueOrDefault("actors.calls") >= 1);
        Assert.True(measured.GetValueOrDefault("actors.call.duration") >= 1);
        Assert.True(measured.GetValueOrDefault("actors.storage.duration") >= 2); // the load and the write
        Assert.True(measured.GetValueOrDefault("actors.membership.changes") >= 1);
        Assert.True(measured.ContainsKey("actors.activations"));
    }
}

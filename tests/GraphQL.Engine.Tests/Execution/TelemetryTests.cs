using System.Diagnostics;
using System.Diagnostics.Metrics;
using GraphQL.Engine.Execution;
using GraphQL.Engine.Telemetry;

namespace GraphQL.Engine.Tests.Execution;

public class TelemetryTests
{
    [Fact]
    public async Task Operations_get_spans_and_resolvers_that_leave_the_process_get_child_spans()
    {
        var activities = new List<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == GraphQLTelemetry.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                lock (activities)
                    activities.Add(activity);
            },
        };
        ActivitySource.AddActivityListener(listener);
        long operations = 0;
        using var meters = new MeterListener();
        meters.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == GraphQLTelemetry.Name && instrument.Name == "graphql.server.operations")
                l.EnableMeasurementEvents(instrument);
        };
        meters.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref operations, value));
        meters.Start();

        var executor = new DocumentExecutor(TestSchema.Build());
        const string query = "query Slow { slow(ms: 5, value: \"x\") authors { name } }";
        await executor.ExecuteAsync(new GraphQLRequest(query));
        await executor.ExecuteAsync(new GraphQLRequest(query));

        Activity[] seen;
        lock (activities)
            seen = [.. activities.Where(a => a.Tags.Any(t => t.Key == "graphql.document.hash") || a.DisplayName.StartsWith("resolve ", StringComparison.Ordinal))];
        var operationSpans = seen.Where(a => a.DisplayName == "query Slow").ToList();
        Assert.Equal(2, operationSpans.Count);
        Assert.Equal("query", operationSpans[0].GetTagItem("graphql.operation.type"));
        Assert.StartsWith("sha256:", (string)operationSpans[0].GetTagItem("graphql.document.hash")!);
        var resolverSpan = Assert.Single(seen, a => a.DisplayName == "resolve Query.slow");
        Assert.Equal(operationSpans[1].SpanId, resolverSpan.ParentSpanId);
        Assert.DoesNotContain(seen, a => a.DisplayName == "resolve Query.authors");
        Assert.True(Interlocked.Read(ref operations) >= 2);
    }
}

using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace GraphQL.Engine.Telemetry;

/// <summary>
/// The engine's ActivitySource and Meter, both named <see cref="Name"/>: a span per operation (name, type,
/// document hash) and per resolver that leaves the process (one that completed asynchronously before, so its
/// outgoing calls nest under it); counters of operations and errors and a histogram of durations.
/// Nothing is recorded unless a listener subscribes, so the cost without telemetry is a flag check.
/// </summary>
public static class GraphQLTelemetry
{
    public const string Name = "GraphQL.Engine";

    public static ActivitySource Source { get; } = new(Name);

    public static Meter Meter { get; } = new(Name);

    public static Counter<long> Operations { get; } = Meter.CreateCounter<long>("graphql.server.operations", "{operation}", "GraphQL operations executed");

    public static Counter<long> Errors { get; } = Meter.CreateCounter<long>("graphql.server.errors", "{error}", "Errors in GraphQL responses");

    public static Histogram<double> Duration { get; } = Meter.CreateHistogram<double>("graphql.server.operation.duration", "s", "Duration of GraphQL operations");
}

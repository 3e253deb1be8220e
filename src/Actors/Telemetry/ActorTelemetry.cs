using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Actors.Telemetry;

/// <summary>
/// The runtime's meter and activity source, both named "Actors" (listen to them by name, e.g. with
/// OpenTelemetry's AddMeter("Actors") / AddSource("Actors")). Instruments cost almost nothing while no one listens.
/// </summary>
public static class ActorTelemetry
{
    public const string Name = "Actors";

    public static readonly ActivitySource Source = new(Name);

    public static readonly Meter Meter = new(Name);

    public static readonly UpDownCounter<long> Activations = Meter.CreateUpDownCounter<long>(
        "actors.activations", description: "Resident activations (activated minus deactivated).");

    public static readonly Counter<long> Calls = Meter.CreateCounter<long>(
        "actors.calls", description: "Actor calls made by this process (rate = calls/s).");

    public static readonly Histogram<double> CallDuration = Meter.CreateHistogram<double>(
        "actors.call.duration", unit: "ms", description: "Time from making an actor call to its result, as the caller sees it.");

    public static readonly UpDownCounter<long> MailboxLength = Meter.CreateUpDownCounter<long>(
        "actors.mailbox.length", description: "Calls waiting for their activation's turn.");

    public static readonly Histogram<double> StorageDuration = Meter.CreateHistogram<double>(
        "actors.storage.duration", unit: "ms", description: "State store latency per read or durable write.");

    public static readonly Counter<long> MembershipChanges = Meter.CreateCounter<long>(
        "actors.membership.changes", description: "New membership table versions seen by this process.");

    public static readonly Counter<long> ProbesSent = Meter.CreateCounter<long>(
        "actors.probes.sent", description: "Failure-detection pings this silo sent to other silos (tag actors.silo: the prober).");

    public static readonly Counter<long> ProbesFailed = Meter.CreateCounter<long>(
        "actors.probes.failed", description: "Pings not answered in time, or not by the probed incarnation (tag actors.silo: the prober).");

    public static readonly Counter<long> Suspicions = Meter.CreateCounter<long>(
        "actors.suspicions", description: "Suspicion votes this silo wrote into the membership table (tag actors.declared_dead: whether the vote completed the quorum).");

    internal static KeyValuePair<string, object?> SiloTag(string silo) => new("actors.silo", silo);

    internal static KeyValuePair<string, object?> KindTag(string kind) => new("actor.kind", kind);

    internal static double ElapsedMilliseconds(long startTimestamp) => Stopwatch.GetElapsedTime(startTimestamp).TotalMilliseconds;
}

using System.Globalization;
using System.Net;

namespace Actors.Membership;

/// <summary>
/// A silo incarnation: its endpoint plus a generation (its start time), so a silo restarted on the same
/// port is a new member and the old row can stay Dead.
/// </summary>
public readonly record struct SiloAddress(string Host, int Port, long Generation)
{
    public IPEndPoint EndPoint => new(IPAddress.Parse(Host), Port);

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Host}:{Port}@{Generation}");
}

/// <summary>The life of a silo row, after Orleans' SiloStatus.</summary>
public enum SiloStatus
{
    Joining = 1,
    Active = 2,
    ShuttingDown = 3,
    Dead = 4,
}

public sealed record SiloEntry(SiloAddress Address, SiloStatus Status, DateTimeOffset StartedAt, DateTimeOffset HeartbeatAt)
{
    /// <summary>Suspicion votes against this silo (Orleans' SuspectTimes): who suspected it and when, one per voter.</summary>
    public IReadOnlyList<SiloSuspicion> Suspicions { get; init; } = [];
}

/// <summary>A vote by <paramref name="Voter"/>, which missed its probes of a silo, that the silo is dead.</summary>
public readonly record struct SiloSuspicion(SiloAddress Voter, DateTimeOffset At);

/// <summary>The whole table at one version (the version row increments on every status change).</summary>
public sealed record MembershipSnapshot(long Version, IReadOnlyList<SiloEntry> Silos);

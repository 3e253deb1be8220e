using Actors.Invocation;
using Actors.Membership;

namespace Actors.Placement;

/// <summary>
/// One version of the membership table as placement sees it. The owner of an actor is chosen by rendezvous
/// (highest random weight) hashing over the Active silos: every process with the same view picks the same
/// owner, and when a silo joins or leaves only the keys it wins or held move.
/// </summary>
public sealed class ClusterView
{
    private readonly SiloAddress[] _active;
    private readonly ulong[] _siloHashes;

    private ClusterView(MembershipSnapshot snapshot, SiloAddress[] active, ulong[] siloHashes)
    {
        Snapshot = snapshot;
        _active = active;
        _siloHashes = siloHashes;
    }

    public ClusterView(MembershipSnapshot snapshot)
    {
        Snapshot = snapshot;
        _active = snapshot.Silos.Where(s => s.Status == SiloStatus.Active).Select(s => s.Address).OrderBy(a => a.ToString(), StringComparer.Ordinal).ToArray();
        _siloHashes = _active.Select(a => StableHash.Of(a.ToString())).ToArray();
    }

    /// <summary>The same placement with newer row contents (heartbeats) of the same table version.</summary>
    public ClusterView WithSnapshot(MembershipSnapshot snapshot) => new(snapshot, _active, _siloHashes);

    public static ClusterView Empty { get; } = new(new MembershipSnapshot(-1, []));

    public MembershipSnapshot Snapshot { get; }

    public long Version => Snapshot.Version;

    public IReadOnlyList<SiloAddress> ActiveSilos => _active;

    public SiloStatus? StatusOf(SiloAddress silo) => Snapshot.Silos.FirstOrDefault(s => s.Address == silo)?.Status;

    /// <summary>The owner among the Active silos that <paramref name="excluded"/> does not rule out; null when none is left.</summary>
    public SiloAddress? OwnerOf(ActorId actor, Func<SiloAddress, bool>? excluded = null)
    {
        var keyHash = StableHash.Of(actor.Key, StableHash.Of(actor.Kind));
        SiloAddress? best = null;
        ulong bestWeight = 0;
        for (var i = 0; i < _active.Length; i++)
        {
            if (excluded?.Invoke(_active[i]) == true)
                continue;
            var weight = StableHash.Mix(keyHash ^ _siloHashes[i]);
            if (best is null || weight > bestWeight)
            {
                best = _active[i];
                bestWeight = weight;
            }
        }
        return best;
    }
}

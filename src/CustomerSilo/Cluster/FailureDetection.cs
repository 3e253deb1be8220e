using Orleans.Configuration;

namespace Crm.CustomerSilo.Cluster;

/// <summary>
/// How fast the silos notice that one of them died. Orleans' defaults (5 s probes, 3 missed, then votes) took about
/// 13 s to declare a silo killed with -9 dead, and calls to its grains fail until then. A CRM's users retry by hand
/// and see errors for that long, so the product trades a little more probing for a few seconds of outage.
/// </summary>
public static class FailureDetection
{
    public static ISiloBuilder UseFastFailureDetection(this ISiloBuilder silo) => silo.Configure<ClusterMembershipOptions>(options =>
    {
        // A probe is a ping on an open connection. A process that died on this machine refuses at once; a machine
        // that vanished lets the probe time out, so the worst case is MaxProbeTimeout × NumMissedProbesLimit (6 s)
        // before the first vote, which leaves room inside the 10 s the product promises.
        options.ProbeTimeout = TimeSpan.FromSeconds(1);
        options.MinProbeTimeout = TimeSpan.FromMilliseconds(500);
        options.MaxProbeTimeout = TimeSpan.FromSeconds(3);
        options.NumMissedProbesLimit = 2;
        // Two votes, as in Orleans' default: one silo with a network fault of its own cannot evict a healthy one.
        // (With two silos Orleans needs only the one vote there can be.)
        options.NumVotesForDeathDeclaration = 2;
        // Silos that learn of a death from the table rather than from gossip learn it within this period.
        options.TableRefreshTimeout = TimeSpan.FromSeconds(10);
        // The table's I-am-alive column only matters for silos that stopped probing altogether; keep it fresh enough
        // that a new silo does not count a live one as dead.
        options.IAmAliveTablePublishTimeout = TimeSpan.FromSeconds(10);
    });
}

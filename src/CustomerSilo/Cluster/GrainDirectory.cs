namespace Crm.CustomerSilo.Cluster;

/// <summary>
/// Which directory tells the silos where each grain's one activation lives. Orleans' default directory is eventually
/// consistent: while a silo joins or leaves, its partitions move, and for a moment a second activation of a grain can
/// start on another silo. Seen here: a tenant's analytics grain activated twice when a silo was added under load, and
/// the copy's writes were refused for a stale ETag. Orleans' strongly consistent directory hands partitions over under
/// versioned range locks, so a grain has at most one activation through joins and graceful leaves as well.
/// </summary>
public static class GrainDirectory
{
    public static ISiloBuilder UseStronglyConsistentDirectory(this ISiloBuilder silo)
    {
        // Orleans marks it for evaluation (ORLEANSEXP003): its API may change, not its guarantee. Every silo of a
        // cluster must use the same directory, and all of ours come from this one configuration.
#pragma warning disable ORLEANSEXP003
        return silo.AddDistributedGrainDirectory();
#pragma warning restore ORLEANSEXP003
    }
}

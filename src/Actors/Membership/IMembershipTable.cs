namespace Actors.Membership;

/// <summary>
/// The cluster membership table (Orleans' IMembershipTable, after its ADO.NET clustering): one row per
/// silo incarnation and a version row that every status change increments in the same transaction.
/// </summary>
public interface IMembershipTable
{
    Task<MembershipSnapshot> ReadAllAsync(CancellationToken cancellationToken);

    Task InsertAsync(SiloEntry entry, CancellationToken cancellationToken);

    /// <summary>
    /// Sets a silo's status if its current status is one of <paramref name="expected"/>; false when it was not
    /// (someone else changed it first). Used for joining, shutting down and declaring a silo dead.
    /// </summary>
    Task<bool> UpdateStatusAsync(SiloAddress silo, SiloStatus status, IReadOnlyCollection<SiloStatus> expected, CancellationToken cancellationToken);

    /// <summary>
    /// Records (or refreshes) <paramref name="voter"/>'s suspicion of <paramref name="silo"/> at <paramref name="at"/>, and with
    /// <paramref name="declareDead"/> sets the silo Dead in the same transaction (the voter that completes the quorum).
    /// Version-checked like Orleans' table ETag: it applies only while the table version is still
    /// <paramref name="expectedVersion"/> (no status changed since the caller read the votes it counted), otherwise it
    /// changes nothing and returns false. A vote alone keeps the version; a death declaration bumps it.
    /// </summary>
    Task<bool> SuspectAsync(SiloAddress silo, SiloAddress voter, DateTimeOffset at, bool declareDead, long expectedVersion, CancellationToken cancellationToken);

    /// <summary>Records that the silo is alive (Orleans' IAmAlive); no version change.</summary>
    Task HeartbeatAsync(SiloAddress silo, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>
    /// Deletes Dead rows older than <paramref name="before"/>, so restarts do not grow the table forever, with votes older
    /// than that or against silos no longer in the table.
    /// </summary>
    Task CleanupAsync(DateTimeOffset before, CancellationToken cancellationToken);
}

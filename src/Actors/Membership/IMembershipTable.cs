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

    /// <summary>Records that the silo is alive (Orleans' IAmAlive); no version change.</summary>
    Task HeartbeatAsync(SiloAddress silo, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Deletes Dead rows older than <paramref name="before"/>, so restarts do not grow the table forever.</summary>
    Task CleanupAsync(DateTimeOffset before, CancellationToken cancellationToken);
}

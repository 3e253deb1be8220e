using Actors.Invocation;

namespace Actors.Reminders;

/// <summary>One durable reminder row; the actor key leads its primary key.</summary>
public sealed record ReminderEntry(ActorId Actor, string Name, DateTimeOffset DueAt, TimeSpan Period, long Version);

/// <summary>The durable reminder table (Orleans' IReminderTable), in the same store as state and membership.</summary>
public interface IReminderTable
{
    /// <summary>Creates or replaces the reminder.</summary>
    Task UpsertAsync(ActorId actor, string name, DateTimeOffset dueAt, TimeSpan period, CancellationToken cancellationToken);

    Task DeleteAsync(ActorId actor, string name, CancellationToken cancellationToken);

    /// <summary>The reminders due at or before <paramref name="until"/>.</summary>
    Task<IReadOnlyList<ReminderEntry>> ReadDueAsync(DateTimeOffset until, CancellationToken cancellationToken);

    /// <summary>
    /// Moves the reminder's next due time on, if its version is still <see cref="ReminderEntry.Version"/>.
    /// Only the silo whose update wins fires the tick, so a tick fires once even while two silos disagree about ownership.
    /// </summary>
    Task<bool> TryAdvanceAsync(ReminderEntry entry, DateTimeOffset nextDueAt, CancellationToken cancellationToken);
}

namespace Actors;

/// <summary>Implemented by actor classes that register durable reminders (Orleans' IRemindable).</summary>
public interface IRemindable
{
    /// <param name="name">The reminder's name, as registered.</param>
    /// <param name="dueAt">When this tick was due; later ticks that were missed (silo down) are skipped, not replayed.</param>
    Task ReceiveReminderAsync(string name, DateTimeOffset dueAt);
}

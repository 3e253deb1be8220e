using Actors.Invocation;

namespace Actors.Reminders;

/// <summary>Reminders in process memory, shared by the silos of one in-process test cluster.</summary>
public sealed class InMemoryReminderTable : IReminderTable
{
    private readonly Dictionary<(ActorId Actor, string Name), ReminderEntry> _rows = new();
    private long _version;

    public Task UpsertAsync(ActorId actor, string name, DateTimeOffset dueAt, TimeSpan period, CancellationToken cancellationToken)
    {
        lock (_rows)
            _rows[(actor, name)] = new ReminderEntry(actor, name, dueAt, period, ++_version);
        return Task.CompletedTask;
    }

    public Task DeleteAsync(ActorId actor, string name, CancellationToken cancellationToken)
    {
        lock (_rows)
            _rows.Remove((actor, name));
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<ReminderEntry>> ReadDueAsync(DateTimeOffset until, CancellationToken cancellationToken)
    {
        lock (_rows)
            return Task.FromResult<IReadOnlyList<ReminderEntry>>(_rows.Values.Where(r => r.DueAt <= until).ToList());
    }

    public Task<bool> TryAdvanceAsync(ReminderEntry entry, DateTimeOffset nextDueAt, CancellationToken cancellationToken)
    {
        lock (_rows)
        {
            if (!_rows.TryGetValue((entry.Actor, entry.Name), out var current) || current.Version != entry.Version)
                return Task.FromResult(false);
            _rows[(entry.Actor, entry.Name)] = current with { DueAt = nextDueAt, Version = ++_version };
            return Task.FromResult(true);
        }
    }
}

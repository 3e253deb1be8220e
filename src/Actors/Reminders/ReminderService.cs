using Actors.Hosting;
using Actors.Invocation;
using Actors.Membership;
using Actors.Runtime;
using Microsoft.Extensions.Logging;

namespace Actors.Reminders;

/// <summary>
/// Fires durable reminders on the silo that owns each actor: polls the table for due rows, claims a tick by
/// advancing its due time with a version check (so one silo fires it), and delivers it as a turn. Ticks
/// missed while no silo owned the actor are skipped: the next due time is the first one after now.
/// </summary>
internal sealed class ReminderService(IReminderTable table, Catalog catalog, MembershipAgent membership, ActorsOptions options, ILogger<ReminderService> logger)
    : IAsyncDisposable
{
    private readonly PeriodicWork _loop = new("Reminder poll", options.Reminders.PollInterval, ct => PollAsync(table, catalog, membership, logger, ct), logger);

    public void Start() => _loop.Start();

    private static async Task PollAsync(IReminderTable table, Catalog catalog, MembershipAgent membership, ILogger logger, CancellationToken cancellationToken)
    {
        if (membership.Self is not { } self)
            return;
        var now = DateTimeOffset.UtcNow;
        foreach (var reminder in await table.ReadDueAsync(now, cancellationToken).ConfigureAwait(false))
        {
            if (!catalog.Hosts(reminder.Actor.Kind) || membership.View.OwnerOf(reminder.Actor) != self)
                continue;
            var missed = (long)Math.Floor((now - reminder.DueAt) / reminder.Period);
            var next = reminder.DueAt + reminder.Period * (missed + 1);
            if (await table.TryAdvanceAsync(reminder, next, cancellationToken).ConfigureAwait(false))
                _ = DeliverAsync(catalog, reminder, logger);
        }
    }

    private static async Task DeliverAsync(Catalog catalog, ReminderEntry reminder, ILogger logger)
    {
        try
        {
            await catalog.InvokeAsync(reminder.Actor, new Tick(reminder.Name, reminder.DueAt)).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Reminder {Reminder} of {Actor} failed", reminder.Name, reminder.Actor);
        }
    }

    public ValueTask DisposeAsync() => _loop.DisposeAsync();

    private sealed class Tick(string name, DateTimeOffset dueAt) : LocalRequest
    {
        public override string MethodName => $"reminder '{name}'";

        public override async Task<object?> InvokeAsync(object actor)
        {
            if (actor is not IRemindable remindable)
                throw new InvalidOperationException($"{actor.GetType().Name} has reminder '{name}' but does not implement Actors.IRemindable.");
            await remindable.ReceiveReminderAsync(name, dueAt).ConfigureAwait(true);
            return null;
        }
    }
}

using System.Collections.Concurrent;
using Actors.Membership;
using Actors.Membership.Memory;
using Actors.Membership.Sqlite;
using Actors.Persistence;
using Actors.Persistence.Memory;
using Actors.Persistence.Sqlite;
using Actors.Reminders;

namespace Actors.Hosting;

/// <summary>The store a silo or client uses, chosen by Actors:Storage:Provider: actor state and the membership table.</summary>
internal sealed class ActorStorage(IStateStore state, IMembershipTable membership, IReminderTable reminders) : IAsyncDisposable
{
    private static readonly ConcurrentDictionary<string, ActorStorage> SharedInMemory = new();

    public IStateStore State => state;

    public IMembershipTable Membership => membership;

    public IReminderTable Reminders => reminders;

    public static ActorStorage Create(ActorsOptions options)
    {
        var provider = options.Storage.Provider.Trim().ToLowerInvariant();
        switch (provider)
        {
            case "sqlite":
                var connectionString = string.IsNullOrWhiteSpace(options.Storage.ConnectionString)
                    ? "Data Source=" + Path.GetFullPath("actors.db")
                    : options.Storage.ConnectionString;
                var database = new SqliteDatabase(connectionString);
                return new ActorStorage(new SqliteStateStore(database), new SqliteMembershipTable(database, options.ClusterId),
                    new SqliteReminderTable(database, options.ClusterId));
            case "memory":
                // Every silo and client of one process with the same cluster id and name share one store.
                return SharedInMemory.GetOrAdd($"{options.ClusterId}\n{options.Storage.ConnectionString}",
                    _ => new ActorStorage(new InMemoryStateStore(), new InMemoryMembershipTable(), new InMemoryReminderTable()));
            default:
                throw new InvalidOperationException(
                    $"Actors:Storage:Provider is '{options.Storage.Provider}', which this runtime does not support. Use \"sqlite\" (default) or \"memory\" (tests).");
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (state is IAsyncDisposable disposable)
            await disposable.DisposeAsync().ConfigureAwait(false);
    }
}

using System.Collections.Concurrent;
using Actors.Membership;
using Actors.Membership.Memory;
using Actors.Persistence;
using Actors.Persistence.Memory;
using Actors.Persistence.Postgres;
using Actors.Persistence.Relational;
using Actors.Persistence.Sqlite;
using Actors.Reminders;

namespace Actors.Hosting;

/// <summary>The store a silo or client uses, chosen by Actors:Storage:Provider: actor state and the membership table.</summary>
internal sealed class ActorStorage(IStateStore state, IMembershipTable membership, IReminderTable reminders, IDisposable? connections = null)
    : IAsyncDisposable
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
                return Relational(new SqliteDatabase(string.IsNullOrWhiteSpace(options.Storage.ConnectionString)
                    ? "Data Source=" + Path.GetFullPath("actors.db")
                    : options.Storage.ConnectionString), options);
            case "postgres" or "postgresql":
                if (string.IsNullOrWhiteSpace(options.Storage.ConnectionString))
                    throw new InvalidOperationException("Actors:Storage:Provider is postgres but Actors:Storage:ConnectionString is empty; set e.g. \"Host=127.0.0.1;Username=app;Password=...;Database=app\".");
                return Relational(new PostgresDatabase(options.Storage.ConnectionString), options);
            case "memory":
                // Every silo and client of one process with the same cluster id and name share one store.
                return SharedInMemory.GetOrAdd($"{options.ClusterId}\n{options.Storage.ConnectionString}",
                    _ => new ActorStorage(new InMemoryStateStore(), new InMemoryMembershipTable(), new InMemoryReminderTable()));
            default:
                throw new InvalidOperationException(
                    $"Actors:Storage:Provider is '{options.Storage.Provider}', which this runtime does not support. Use \"sqlite\" (default), \"postgres\" or \"memory\" (tests).");
        }
    }

    private static ActorStorage Relational(RelationalDatabase database, ActorsOptions options) =>
        new(new RelationalStateStore(database), new RelationalMembershipTable(database, options.ClusterId),
            new RelationalReminderTable(database, options.ClusterId), database as IDisposable);

    public async ValueTask DisposeAsync()
    {
        if (state is IAsyncDisposable disposable)
            await disposable.DisposeAsync().ConfigureAwait(false);
        connections?.Dispose();
    }
}

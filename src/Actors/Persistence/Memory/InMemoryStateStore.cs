using System.Globalization;
using Actors.Invocation;

namespace Actors.Persistence.Memory;

/// <summary>State records in process memory, for tests; silos of one in-process test cluster share one instance.</summary>
public sealed class InMemoryStateStore : IStateStore
{
    private readonly Dictionary<(string Key, string Kind, string Name), (byte[] Data, long Version)> _records = new();
    private long _nextVersion;

    public Task<StoredState> ReadAsync(ActorId actor, string stateName, CancellationToken cancellationToken)
    {
        lock (_records)
        {
            return Task.FromResult(_records.TryGetValue((actor.Key, actor.Kind, stateName), out var record)
                ? new StoredState(record.Data, Format(record.Version))
                : StoredState.Missing);
        }
    }

    public Task<string> WriteAsync(ActorId actor, string stateName, ReadOnlyMemory<byte> data, string? expectedETag, CancellationToken cancellationToken)
    {
        lock (_records)
        {
            var rowKey = (actor.Key, actor.Kind, stateName);
            var current = _records.TryGetValue(rowKey, out var record) ? Format(record.Version) : null;
            if (current != expectedETag)
                return Task.FromException<string>(StateConflicts.For(actor, stateName, expectedETag, current));
            var version = ++_nextVersion;
            _records[rowKey] = (data.ToArray(), version);
            return Task.FromResult(Format(version));
        }
    }

    public Task ClearAsync(ActorId actor, string stateName, string? expectedETag, CancellationToken cancellationToken)
    {
        lock (_records)
        {
            var rowKey = (actor.Key, actor.Kind, stateName);
            var current = _records.TryGetValue(rowKey, out var record) ? Format(record.Version) : null;
            if (current != expectedETag)
                return Task.FromException(StateConflicts.For(actor, stateName, expectedETag, current));
            _records.Remove(rowKey);
            return Task.CompletedTask;
        }
    }

    private static string Format(long version) => version.ToString(CultureInfo.InvariantCulture);
}

namespace Actors;

/// <summary>
/// One named piece of durable actor state, loaded before the actor's first turn.
/// Every write carries the ETag of the last read or write; a stale ETag fails the write
/// with <see cref="StateConflictException"/> instead of overwriting someone else's write.
/// </summary>
public interface IPersistentState<TState> where TState : new()
{
    TState State { get; set; }

    /// <summary>The version token of the stored record; null when no record exists.</summary>
    string? Etag { get; }

    bool RecordExists { get; }

    Task ReadStateAsync(CancellationToken cancellationToken = default);

    /// <summary>Completes only once the state is durable in the store.</summary>
    Task WriteStateAsync(CancellationToken cancellationToken = default);

    Task ClearStateAsync(CancellationToken cancellationToken = default);
}

/// <summary>Asks the runtime to inject an <see cref="IPersistentState{TState}"/> into an actor's constructor.</summary>
[AttributeUsage(AttributeTargets.Parameter)]
public sealed class PersistentStateAttribute(string stateName, string? storageName = null) : Attribute
{
    public string StateName { get; } = stateName;
    public string? StorageName { get; } = storageName;
}

/// <summary>A write was refused because the stored record changed since this activation read it.</summary>
public sealed class StateConflictException(string message) : Exception(message);

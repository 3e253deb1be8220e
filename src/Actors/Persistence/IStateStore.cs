using Actors.Invocation;

namespace Actors.Persistence;

/// <summary>One stored state record: its bytes and the version token of this exact content.</summary>
public readonly record struct StoredState(ReadOnlyMemory<byte> Data, string? ETag)
{
    public static StoredState Missing => new(ReadOnlyMemory<byte>.Empty, null);
}

/// <summary>
/// Durable storage of actor state records (Orleans' IGrainStorage). Every write and clear names the ETag it
/// expects; a mismatch throws <see cref="StateConflictException"/> and changes nothing.
/// </summary>
public interface IStateStore
{
    Task<StoredState> ReadAsync(ActorId actor, string stateName, CancellationToken cancellationToken);

    /// <summary>Writes the record if its stored ETag is <paramref name="expectedETag"/> (null: no record yet); returns the new ETag once durable.</summary>
    Task<string> WriteAsync(ActorId actor, string stateName, ReadOnlyMemory<byte> data, string? expectedETag, CancellationToken cancellationToken);

    /// <summary>Deletes the record if its stored ETag is <paramref name="expectedETag"/>.</summary>
    Task ClearAsync(ActorId actor, string stateName, string? expectedETag, CancellationToken cancellationToken);
}

internal static class StateConflicts
{
    public static StateConflictException For(ActorId actor, string stateName, string? expected, string? actual) => new(
        $"The write of state '{stateName}' of actor {actor} was refused: it expected version {expected ?? "<none>"} but the store holds " +
        $"{actual ?? "<none>"}. Another activation changed it since this one read it; the activation is deactivated, so retry the call.");
}

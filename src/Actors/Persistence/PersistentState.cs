using System.Text.Json;
using Actors.Invocation;

namespace Actors.Persistence;

/// <summary>
/// The runtime's <see cref="IPersistentState{TState}"/>. State is JSON so that a state type can gain fields
/// and still read old records (missing members keep their defaults, unknown ones are ignored).
/// </summary>
internal sealed class PersistentState<TState>(ActorId actor, string stateName, IStateStore store) : IPersistentState<TState>
    where TState : new()
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public TState State { get; set; } = new();

    public string? Etag { get; private set; }

    public bool RecordExists => Etag is not null;

    /// <summary>Creates a state for the catalog; a static factory so it can be bound once per type, not per activation.</summary>
    public static IPersistentStateLoader Create(ActorId actor, string stateName, IStateStore store) => new Loader(new PersistentState<TState>(actor, stateName, store));

    public async Task ReadStateAsync(CancellationToken cancellationToken = default)
    {
        var stored = await store.ReadAsync(actor, stateName, cancellationToken).ConfigureAwait(false);
        Etag = stored.ETag;
        State = stored.ETag is null ? new TState() : Deserialize(stored.Data);
    }

    public async Task WriteStateAsync(CancellationToken cancellationToken = default)
    {
        var data = JsonSerializer.SerializeToUtf8Bytes(State, Json);
        Etag = await store.WriteAsync(actor, stateName, data, Etag, cancellationToken).ConfigureAwait(false);
    }

    public async Task ClearStateAsync(CancellationToken cancellationToken = default)
    {
        await store.ClearAsync(actor, stateName, Etag, cancellationToken).ConfigureAwait(false);
        Etag = null;
        State = new TState();
    }

    private TState Deserialize(ReadOnlyMemory<byte> data)
    {
        try
        {
            return JsonSerializer.Deserialize<TState>(data.Span, Json) ?? new TState();
        }
        catch (JsonException e)
        {
            throw new InvalidOperationException(
                $"State '{stateName}' of actor {actor} cannot be read as {typeof(TState).Name}: {e.Message} " +
                "Renaming or retyping a stored member breaks old records; add new members instead.", e);
        }
    }

    private sealed class Loader(PersistentState<TState> state) : IPersistentStateLoader
    {
        public object Instance => state;

        public Task LoadAsync(CancellationToken cancellationToken) => state.ReadStateAsync(cancellationToken);
    }
}

/// <summary>A state the catalog creates and loads before the actor's first turn.</summary>
internal interface IPersistentStateLoader
{
    object Instance { get; }

    Task LoadAsync(CancellationToken cancellationToken);
}

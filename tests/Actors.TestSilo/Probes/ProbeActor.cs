using Actors;

namespace ActorProbes;

public sealed class ProbeActor([PersistentState("probe")] IPersistentState<ProbeState> state) : Actor, IProbeActor
{
    public Task<int> PingAsync(int value) => Task.FromResult(value + 1);

    public async Task<int> WriteAsync(int sequence)
    {
        state.State.LastSequence = sequence;
        state.State.Sequences.Add(sequence);
        await state.WriteStateAsync();
        return sequence;
    }

    public Task<ProbeState> ReadAsync() => Task.FromResult(state.State);
}

namespace Crm.Benchmarks.Actors.Probes;

[GrainType(ProbeGrain.GrainTypeName)]
public sealed class ProbeGrain([PersistentState("probe", ProbeGrain.StorageName)] IPersistentState<ProbeState> state) : Grain, IProbeGrain
{
    /// <summary>The grain storage provider the probe's state lives in; each benchmark host registers its own.</summary>
    public const string StorageName = "probe";

    public const string GrainTypeName = "crm.bench.probe";

    public Task<int> PingAsync(int value) => Task.FromResult(value + 1);

    public async Task<int> WriteAsync(int sequence)
    {
        state.State.LastSequence = sequence;
        state.State.Sequences.Add(sequence);
        await state.WriteStateAsync();
        return sequence;
    }
}

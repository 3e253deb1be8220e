namespace Crm.Benchmarks.Actors.Probes;

/// <summary>A bench-only grain with no state at all: what an activation costs Orleans itself.</summary>
[Alias("crm.bench.IBareProbeGrain")]
public interface IBareProbeGrain : IGrainWithStringKey
{
    [Alias("Ping")]
    Task<int> PingAsync(int value);
}

public sealed class BareProbeGrain : Grain, IBareProbeGrain
{
    public Task<int> PingAsync(int value) => Task.FromResult(value + 1);
}

namespace Crm.Benchmarks.Actors.Probes;

/// <summary>A bench-only grain with a customer-sized state: measures Orleans' call path, activation and storage.</summary>
[Alias("crm.bench.IProbeGrain")]
public interface IProbeGrain : IGrainWithStringKey
{
    /// <summary>No state touched: measures the call path alone.</summary>
    [Alias("Ping")]
    Task<int> PingAsync(int value);

    /// <summary>Appends a sequence number and completes only when it is durable.</summary>
    [Alias("Write")]
    Task<int> WriteAsync(int sequence);
}

namespace Orleans.Storage.TestSilo;

public interface ICounterGrain : IGrainWithStringKey
{
    /// <summary>Adds one to the stored count and returns it, after the count is stored.</summary>
    Task<int> Increment();

    /// <summary>The silo this activation runs on.</summary>
    Task<string> Silo();
}

[GenerateSerializer]
public sealed class Counter
{
    [Id(0)]
    public int Count { get; set; }
}

public sealed class CounterGrain([PersistentState("counter")] IPersistentState<Counter> counter, ILocalSiloDetails silo) : Grain, ICounterGrain
{
    public async Task<int> Increment()
    {
        counter.State.Count++;
        await counter.WriteStateAsync();
        return counter.State.Count;
    }

    public Task<string> Silo() => Task.FromResult(silo.SiloAddress.ToString());
}

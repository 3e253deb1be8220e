using Orleans.Storage;

using Crm.CustomerSilo.Aggregates;

namespace CustomerSilo.Tests.Aggregates;

/// <summary>
/// Two activations of one aggregate grain, as Orleans can briefly hold while silos join or leave, each summing its own
/// deltas over one ETag-checked record.
/// </summary>
public sealed class SummedStateTests
{
    [Fact]
    public async Task Two_activations_that_write_in_turn_both_end_up_counted()
    {
        var store = new OneRecord();
        var first = Activation(await store.LoadAsync());
        var second = Activation(await store.LoadAsync());

        first.Add(3);
        second.Add(4);
        await first.SaveAsync();
        // The second read the record before the first wrote: its write is refused, then it adds its own to the first's.
        await second.SaveAsync();
        second.Add(5);
        await second.SaveAsync();

        Assert.Equal(12, store.Stored!.Total);
        Assert.Equal(2 + 1, store.Stored.Writes);
        Assert.False(second.HasUnsaved);
    }

    [Fact]
    public async Task What_is_not_a_sum_is_set_again_on_every_attempt()
    {
        var store = new OneRecord();
        var first = Activation(await store.LoadAsync());
        var second = Activation(await store.LoadAsync());
        second.Add(1);
        await second.SaveAsync(tally => tally.StoppedCleanly = false);

        first.Add(2);
        await first.SaveAsync(tally => tally.StoppedCleanly = true);

        Assert.Equal(3, store.Stored!.Total);
        Assert.True(store.Stored.StoppedCleanly);
    }

    [Fact]
    public async Task A_store_that_keeps_refusing_is_reported_not_looped_on()
    {
        var store = new OneRecord { RefuseAlways = true };
        var activation = Activation(await store.LoadAsync());
        activation.Add(1);

        await Assert.ThrowsAsync<InconsistentStateException>(() => activation.SaveAsync());
        Assert.True(activation.HasUnsaved);
    }

    private static SummedState<Tally, int> Activation(IPersistentState<Tally> state) =>
        new(state, (tally, n) => tally.Total += n);

    public sealed class Tally
    {
        public long Total { get; set; }
        public int Writes { get; set; }
        public bool StoppedCleanly { get; set; }

        public Tally Copy() => new() { Total = Total, Writes = Writes, StoppedCleanly = StoppedCleanly };
    }

    /// <summary>One stored record with an ETag, as a grain storage provider keeps it; each activation has its own copy.</summary>
    private sealed class OneRecord
    {
        private int _version;

        public Tally? Stored { get; private set; }

        public bool RefuseAlways { get; init; }

        public async Task<IPersistentState<Tally>> LoadAsync()
        {
            var state = new Copy(this);
            await state.ReadStateAsync();
            return state;
        }

        private sealed class Copy(OneRecord record) : IPersistentState<Tally>
        {
            public Tally State { get; set; } = new();
            public string? Etag { get; private set; }
            public bool RecordExists => Etag is not null;

            public Task ReadStateAsync()
            {
                State = record.Stored?.Copy() ?? new Tally();
                Etag = record.Stored is null ? null : record._version.ToString();
                return Task.CompletedTask;
            }

            public Task WriteStateAsync()
            {
                var current = record.Stored is null ? null : record._version.ToString();
                if (record.RefuseAlways || current != Etag)
                    throw new InconsistentStateException("stale ETag", current ?? "", Etag ?? "");
                State.Writes++;
                record.Stored = State.Copy();
                Etag = (++record._version).ToString();
                return Task.CompletedTask;
            }

            public Task ClearStateAsync() => throw new NotSupportedException();
            public Task ReadStateAsync(CancellationToken cancellationToken) => ReadStateAsync();
            public Task WriteStateAsync(CancellationToken cancellationToken) => WriteStateAsync();
            public Task ClearStateAsync(CancellationToken cancellationToken) => ClearStateAsync();
        }
    }
}

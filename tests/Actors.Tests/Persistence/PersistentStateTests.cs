using System.Text;
using Actors.Invocation;
using Actors.Persistence;
using Actors.Persistence.Memory;

namespace Actors.Tests.Persistence;

public sealed class PersistentStateTests
{
    public sealed class V1
    {
        public string Name { get; set; } = "";
    }

    public sealed class V2
    {
        public string Name { get; set; } = "";

        public int Visits { get; set; } = 7;
    }

    private static readonly ActorId Actor = new("Kind", "k");

    private static IPersistentState<T> Load<T>(IStateStore store) where T : new() =>
        (IPersistentState<T>)PersistentState<T>.Create(Actor, "s", store).Instance;

    [Fact]
    public async Task A_state_type_that_gained_a_field_reads_old_records()
    {
        var store = new InMemoryStateStore();
        var v1 = Load<V1>(store);
        v1.State.Name = "old";
        await v1.WriteStateAsync();

        var v2 = Load<V2>(store);
        await v2.ReadStateAsync();

        Assert.Equal("old", v2.State.Name);
        Assert.Equal(7, v2.State.Visits);
        Assert.True(v2.RecordExists);
    }

    [Fact]
    public async Task Two_writers_from_the_same_read_cannot_both_win()
    {
        var store = new InMemoryStateStore();
        var seed = Load<V2>(store);
        await seed.WriteStateAsync();
        var a = Load<V2>(store);
        var b = Load<V2>(store);
        await a.ReadStateAsync();
        await b.ReadStateAsync();

        a.State.Visits = 1;
        await a.WriteStateAsync();
        b.State.Visits = 2;

        await Assert.ThrowsAsync<StateConflictException>(() => b.WriteStateAsync());
        await b.ReadStateAsync();
        Assert.Equal(1, b.State.Visits);
    }

    [Fact]
    public async Task Clear_resets_to_a_new_state_without_a_record()
    {
        var store = new InMemoryStateStore();
        var state = Load<V2>(store);
        state.State.Visits = 3;
        await state.WriteStateAsync();

        await state.ClearStateAsync();

        Assert.False(state.RecordExists);
        Assert.Equal(7, state.State.Visits);
        Assert.Null((await store.ReadAsync(Actor, "s", default)).ETag);
    }

    [Fact]
    public async Task A_record_that_is_not_json_of_the_type_fails_with_a_clear_error()
    {
        var store = new InMemoryStateStore();
        await store.WriteAsync(Actor, "s", Encoding.UTF8.GetBytes("""{"name": 5}"""), null, default);
        var state = Load<V2>(store);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => state.ReadStateAsync());

        Assert.Contains("cannot be read as V2", error.Message);
    }
}

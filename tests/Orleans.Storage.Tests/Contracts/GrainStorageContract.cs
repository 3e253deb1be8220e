using Orleans.Runtime;
using Orleans.Storage.Tests.Harness;

namespace Orleans.Storage.Tests.Contracts;

/// <summary>
/// What a grain's persistent state relies on from an <see cref="IGrainStorage"/>: a write returns a new ETag, a write
/// or clear carrying any other ETag than the stored one is refused with <see cref="InconsistentStateException"/>, and
/// whatever a write acknowledged can be read back by another silo. Each test uses a service id of its own.
/// </summary>
public abstract class GrainStorageContract<TBackend>(TBackend backend) : IAsyncLifetime
    where TBackend : IStorageBackend
{
    /// <summary>The provider whose ClearStateAsync deletes the row (DeleteStateOnClear=true in its section).</summary>
    public const string Deleting = "Deleting";

    private const string StateName = "profile";
    private readonly string _serviceId = "storage-" + Guid.NewGuid().ToString("N");
    private ConfiguredHost _silo = null!;
    private IGrainStorage _storage = null!;

    public async Task InitializeAsync()
    {
        _silo = NewSilo();
        _storage = await _silo.GrainStorageAsync("Default");
    }

    public async Task DisposeAsync() => await _silo.DisposeAsync();

    private ConfiguredHost NewSilo() =>
        ConfiguredHost.Silo(_serviceId, backend.Settings("Default", Deleting), builder => backend.DeleteStateOnClear(builder, Deleting));

    [Fact]
    public async Task A_state_never_written_reads_as_absent_with_a_fresh_instance()
    {
        var state = new ProfileState();

        await _storage.ReadStateAsync(StateName, NewGrain(), state);

        Assert.False(state.RecordExists);
        Assert.Null(state.ETag);
        Assert.NotNull(state.State);
        Assert.Null(state.State.Name);
    }

    [Fact]
    public async Task A_written_state_reads_back_with_its_etag()
    {
        var grain = NewGrain();
        var written = new ProfileState(new Profile { Name = "Ada", Visits = 3, Tags = ["a", "b"] });

        await _storage.WriteStateAsync(StateName, grain, written);

        Assert.True(written.RecordExists);
        Assert.False(string.IsNullOrEmpty(written.ETag));
        var read = await Read(_storage, grain);
        Assert.True(read.RecordExists);
        Assert.Equal(written.ETag, read.ETag);
        Assert.Equal(("Ada", 3), (read.State.Name, read.State.Visits));
        Assert.Equal(["a", "b"], read.State.Tags);
    }

    [Fact]
    public async Task Each_write_gives_a_new_etag_and_the_last_write_wins()
    {
        var grain = NewGrain();
        var state = new ProfileState(new Profile { Visits = 1 });
        await _storage.WriteStateAsync(StateName, grain, state);
        var first = state.ETag;

        state.State.Visits = 2;
        await _storage.WriteStateAsync(StateName, grain, state);

        Assert.NotEqual(first, state.ETag);
        Assert.Equal(2, (await Read(_storage, grain)).State.Visits);
    }

    [Fact]
    public async Task A_write_with_a_stale_etag_is_refused()
    {
        var grain = NewGrain();
        await _storage.WriteStateAsync(StateName, grain, new ProfileState(new Profile { Visits = 1 }));
        var first = await Read(_storage, grain);
        var second = await Read(_storage, grain);
        first.State.Visits = 2;
        await _storage.WriteStateAsync(StateName, grain, first);

        second.State.Visits = 3;
        await Assert.ThrowsAsync<InconsistentStateException>(() => _storage.WriteStateAsync(StateName, grain, second));

        Assert.Equal(2, (await Read(_storage, grain)).State.Visits);
    }

    [Fact]
    public async Task A_first_write_over_a_stored_state_is_refused()
    {
        var grain = NewGrain();
        await _storage.WriteStateAsync(StateName, grain, new ProfileState(new Profile { Visits = 1 }));

        // An activation that never read the state believes there is none.
        await Assert.ThrowsAsync<InconsistentStateException>(
            () => _storage.WriteStateAsync(StateName, grain, new ProfileState(new Profile { Visits = 9 })));

        Assert.Equal(1, (await Read(_storage, grain)).State.Visits);
    }

    [Fact]
    public async Task A_cleared_state_reads_as_absent_and_can_be_written_again()
    {
        var grain = NewGrain();
        var state = new ProfileState(new Profile { Name = "Ada" });
        await _storage.WriteStateAsync(StateName, grain, state);
        var beforeClear = await Read(_storage, grain);

        await _storage.ClearStateAsync(StateName, grain, state);

        Assert.False(state.RecordExists);
        var read = await Read(_storage, grain);
        Assert.False(read.RecordExists);
        Assert.Null(read.State.Name);
        beforeClear.State.Name = "stale";
        await Assert.ThrowsAsync<InconsistentStateException>(() => _storage.WriteStateAsync(StateName, grain, beforeClear));
        read.State.Name = "Grace";
        await _storage.WriteStateAsync(StateName, grain, read);
        Assert.Equal("Grace", (await Read(_storage, grain)).State.Name);
    }

    [Fact]
    public async Task A_clear_with_a_stale_etag_is_refused()
    {
        var grain = NewGrain();
        var state = new ProfileState(new Profile { Name = "Ada" });
        await _storage.WriteStateAsync(StateName, grain, state);
        var stale = await Read(_storage, grain);
        await _storage.WriteStateAsync(StateName, grain, state);

        await Assert.ThrowsAsync<InconsistentStateException>(() => _storage.ClearStateAsync(StateName, grain, stale));

        Assert.True((await Read(_storage, grain)).RecordExists);
    }

    [Fact]
    public async Task With_DeleteStateOnClear_a_cleared_state_is_gone_and_writes_start_afresh()
    {
        var deleting = await _silo.GrainStorageAsync(Deleting);
        var grain = NewGrain();
        var state = new ProfileState(new Profile { Name = "Ada" });
        await deleting.WriteStateAsync(StateName, grain, state);

        await deleting.ClearStateAsync(StateName, grain, state);

        Assert.Null(state.ETag);
        var read = await Read(deleting, grain);
        Assert.False(read.RecordExists);
        Assert.Null(read.ETag);
        await deleting.WriteStateAsync(StateName, grain, new ProfileState(new Profile { Name = "Grace" }));
        Assert.Equal("Grace", (await Read(deleting, grain)).State.Name);
    }

    [Fact]
    public async Task States_are_kept_apart_by_state_name_grain_and_provider()
    {
        var grain = NewGrain();
        await _storage.WriteStateAsync(StateName, grain, new ProfileState(new Profile { Name = "profile" }));
        await _storage.WriteStateAsync("other", grain, new ProfileState(new Profile { Name = "other" }));

        Assert.Equal("profile", (await Read(_storage, grain)).State.Name);
        Assert.False((await Read(_storage, NewGrain())).RecordExists);
        Assert.False((await Read(await _silo.GrainStorageAsync(Deleting), grain)).RecordExists);
    }

    [Fact]
    public async Task Concurrent_writes_of_many_grains_are_all_durable()
    {
        const int grains = 200;
        var written = Enumerable.Range(0, grains)
            .Select(i => (Grain: NewGrain(), State: new ProfileState(new Profile { Name = "grain-" + i, Visits = i })))
            .ToList();

        await Task.WhenAll(written.Select(w => Task.Run(() => _storage.WriteStateAsync(StateName, w.Grain, w.State))));

        // Read back by another silo: a new provider instance with nothing in memory.
        await using var other = NewSilo();
        var storage = await other.GrainStorageAsync("Default");
        foreach (var (grain, state) in written)
        {
            var read = await Read(storage, grain);
            Assert.Equal((state.ETag, state.State.Name, state.State.Visits), (read.ETag, read.State.Name, read.State.Visits));
        }
    }

    private static async Task<ProfileState> Read(IGrainStorage storage, GrainId grain)
    {
        var state = new ProfileState();
        await storage.ReadStateAsync(StateName, grain, state);
        return state;
    }

    private static GrainId NewGrain() => GrainId.Create("profile-grain", Guid.NewGuid().ToString("N"));
}

[GenerateSerializer]
public sealed class Profile
{
    [Id(0)]
    public string? Name { get; set; }

    [Id(1)]
    public int Visits { get; set; }

    [Id(2)]
    public string[] Tags { get; set; } = [];
}

/// <summary>A grain's view of its state, as Orleans' persistent state bridge hands it to the storage.</summary>
public sealed class ProfileState(Profile state) : IGrainState<Profile>
{
    public ProfileState()
        : this(new Profile())
    {
    }

    public Profile State { get; set; } = state;

    // A state read as absent must still be an instance a grain can use, as Orleans' own providers give.
    Profile? IGrainState<Profile>.State
    {
        get => State;
        set => State = value ?? throw new InvalidOperationException("The storage set the state to null instead of a fresh instance.");
    }

    public string? ETag { get; set; }

    public bool RecordExists { get; set; }
}

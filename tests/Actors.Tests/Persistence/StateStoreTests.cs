using System.Text;
using Actors.AzureBlob;
using Actors.Invocation;
using Actors.Persistence;
using Actors.Persistence.Memory;
using Actors.Persistence.Postgres;
using Actors.Persistence.Relational;
using Actors.Persistence.Sqlite;
using Actors.Tests.Fixtures;
using Azure.Storage.Blobs;

namespace Actors.Tests.Persistence;

/// <summary>The same contract on every provider: round trip, ETag on every write, conflicts change nothing.</summary>
public sealed class StateStoreTests : IDisposable
{
    private static readonly ActorId Actor = new("Kind", "tenant-a/actor-1");
    private readonly TempDatabase _database = new();

    /// <summary>Every provider; PostgreSQL and Azurite are the real servers that ./test.sh installs.</summary>
    public static TheoryData<string> Providers => ["memory", "sqlite", "postgres", "azureblob"];

    private IStateStore Create(string provider) => provider switch
    {
        "memory" => new InMemoryStateStore(),
        "sqlite" => new RelationalStateStore(new SqliteDatabase(_database.ConnectionString)),
        "postgres" => new RelationalStateStore(new PostgresDatabase(PostgresServer.Shared.CreateDatabase())),
        _ => new AzureBlobStateStore(new BlobContainerClient(AzuriteServer.Shared.ConnectionString, "t" + Guid.NewGuid().ToString("N"))),
    };

    private static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_written_record_reads_back_with_its_etag(string provider)
    {
        var store = Create(provider);
        Assert.Null((await store.ReadAsync(Actor, "s", default)).ETag);

        var etag = await store.WriteAsync(Actor, "s", Bytes("one"), null, default);
        var read = await store.ReadAsync(Actor, "s", default);

        Assert.Equal(etag, read.ETag);
        Assert.Equal("one", Encoding.UTF8.GetString(read.Data.Span));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_stale_etag_is_refused_and_the_stored_record_is_kept(string provider)
    {
        var store = Create(provider);
        var first = await store.WriteAsync(Actor, "s", Bytes("one"), null, default);
        await store.WriteAsync(Actor, "s", Bytes("two"), first, default);

        var stale = await Assert.ThrowsAsync<StateConflictException>(() => store.WriteAsync(Actor, "s", Bytes("three"), first, default));
        var duplicateCreate = await Assert.ThrowsAsync<StateConflictException>(() => store.WriteAsync(Actor, "s", Bytes("four"), null, default));

        Assert.Contains("refused", stale.Message);
        Assert.Contains("retry", duplicateCreate.Message);
        Assert.Equal("two", Encoding.UTF8.GetString((await store.ReadAsync(Actor, "s", default)).Data.Span));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Clear_needs_the_current_etag_and_never_reuses_an_old_one(string provider)
    {
        var store = Create(provider);
        var first = await store.WriteAsync(Actor, "s", Bytes("one"), null, default);
        await Assert.ThrowsAsync<StateConflictException>(() => store.ClearAsync(Actor, "s", "12345", default));

        await store.ClearAsync(Actor, "s", first, default);
        Assert.Null((await store.ReadAsync(Actor, "s", default)).ETag);
        var recreated = await store.WriteAsync(Actor, "s", Bytes("again"), null, default);

        Assert.NotEqual(first, recreated);
        await Assert.ThrowsAsync<StateConflictException>(() => store.WriteAsync(Actor, "s", Bytes("stale"), first, default));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task State_names_and_kinds_are_separate_records(string provider)
    {
        var store = Create(provider);
        await store.WriteAsync(Actor, "a", Bytes("A"), null, default);
        await store.WriteAsync(Actor with { Kind = "Other" }, "a", Bytes("B"), null, default);

        Assert.Null((await store.ReadAsync(Actor, "b", default)).ETag);
        Assert.Equal("B", Encoding.UTF8.GetString((await store.ReadAsync(Actor with { Kind = "Other" }, "a", default)).Data.Span));
    }

    /// <summary>The stores with group commit (memory is not durable; a blob write is one durable request of its own).</summary>
    public static TheoryData<string> GroupCommitProviders => ["sqlite", "postgres"];

    [Theory]
    [MemberData(nameof(GroupCommitProviders))]
    public async Task Concurrent_writes_are_all_durable_once_acknowledged(string provider)
    {
        var database = provider == "sqlite" ? (RelationalDatabase)new SqliteDatabase(_database.ConnectionString) : new PostgresDatabase(PostgresServer.Shared.CreateDatabase());
        var store = new RelationalStateStore(database);
        var writes = Enumerable.Range(0, 500)
            .Select(i => store.WriteAsync(new ActorId("Kind", $"t/{i}"), "s", Bytes($"v{i}"), null, default))
            .ToList();
        await Task.WhenAll(writes);
        await store.DisposeAsync();

        // A fresh store (new connections) sees every acknowledged write.
        var reader = new RelationalStateStore(database);
        for (var i = 0; i < 500; i++)
            Assert.Equal($"v{i}", Encoding.UTF8.GetString((await reader.ReadAsync(new ActorId("Kind", $"t/{i}"), "s", default)).Data.Span));
        await reader.DisposeAsync();
    }

    [Fact]
    public async Task A_conflict_in_a_batch_fails_only_that_write()
    {
        var store = new RelationalStateStore(new SqliteDatabase(_database.ConnectionString));
        await store.WriteAsync(Actor, "s", Bytes("exists"), null, default);

        var conflicting = store.WriteAsync(Actor, "s", Bytes("dup"), null, default);
        var fine = store.WriteAsync(Actor with { Key = "tenant-a/actor-2" }, "s", Bytes("ok"), null, default);

        await Assert.ThrowsAsync<StateConflictException>(() => conflicting);
        Assert.NotNull(await fine);
        await store.DisposeAsync();
    }

    public void Dispose() => _database.Dispose();
}

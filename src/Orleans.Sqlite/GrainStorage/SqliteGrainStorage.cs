using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Runtime;
using Orleans.Serialization.Serializers;
using Orleans.Storage;

namespace Orleans.Sqlite.GrainStorage;

/// <summary>
/// Orleans grain storage in a SQLite file. Each state is one row keyed by (service id, provider name, grain type,
/// grain key, state name), holding the state as the configured <see cref="IGrainStorageSerializer"/> wrote it and an
/// ETag. Reads go straight to the file on the caller's thread; writes and clears go through the provider's
/// group-commit writer, and a write whose ETag is not the stored one is refused with <see cref="InconsistentStateException"/>.
/// </summary>
public sealed class SqliteGrainStorage : IGrainStorage, ILifecycleParticipant<ISiloLifecycle>, IAsyncDisposable
{
    private readonly string _name;
    private readonly SqliteGrainStorageOptions _options;
    private readonly IActivatorProvider _activators;
    private readonly SqliteDatabase _database;
    private readonly string _serviceId;
    private readonly GrainStateReader _reader;
    private readonly GrainStateWriter _writer;

    public SqliteGrainStorage(string name, SqliteGrainStorageOptions options, IOptions<ClusterOptions> clusterOptions,
        IActivatorProvider activators, ILogger<SqliteGrainStorage> logger)
    {
        _name = name;
        _options = options;
        _activators = activators;
        _database = new SqliteDatabase(options.ConnectionString, $"Orleans:GrainStorage:{name}:ConnectionString", GrainStateSchema.Sql);
        _serviceId = clusterOptions.Value.ServiceId
            ?? throw new ArgumentException("Orleans:ServiceId is empty: grain state is stored per service id, so every silo must name it.");
        _reader = new GrainStateReader(_database, _serviceId, name);
        _writer = new GrainStateWriter(_database, _serviceId, name, logger);
    }

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var row = _reader.Read(grainId.Type.ToString(), grainId.Key.ToString(), stateName);
        grainState.State = row?.Payload is { } stored
            ? _options.GrainStorageSerializer.Deserialize<T>(new BinaryData(stored))
            : _activators.GetActivator<T>().Create();
        grainState.ETag = row?.ETag;
        grainState.RecordExists = row?.Payload is not null;
        return Task.CompletedTask;
    }

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var payload = _options.GrainStorageSerializer.Serialize(grainState.State).ToArray();
        grainState.ETag = await _writer.Enqueue(Change(stateName, grainId, payload, grainState.ETag, deleteRow: false)).ConfigureAwait(false);
        grainState.RecordExists = true;
    }

    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        grainState.ETag = await _writer.Enqueue(Change(stateName, grainId, null, grainState.ETag, _options.DeleteStateOnClear)).ConfigureAwait(false);
        grainState.State = _activators.GetActivator<T>().Create();
        grainState.RecordExists = false;
    }

    private static GrainStateChange Change(string stateName, GrainId grainId, byte[]? payload, string? etag, bool deleteRow) =>
        new(grainId.Type.ToString(), grainId.Key.ToString(), stateName, payload, string.IsNullOrEmpty(etag) ? null : etag, deleteRow);

    public void Participate(ISiloLifecycle lifecycle) => lifecycle.Subscribe(
        OptionFormattingUtilities.Name<SqliteGrainStorage>(_name), _options.InitStage,
        // Creating the table at start makes a wrong path or an unwritable folder fail the silo's start, not the first write.
        onStart: _ => Task.Run(_database.EnsureSchema),
        // Every write queued before the stop is committed before the silo goes on stopping.
        onStop: async _ => await DisposeAsync().ConfigureAwait(false));

    public async ValueTask DisposeAsync()
    {
        await _writer.DisposeAsync().ConfigureAwait(false);
        _reader.Dispose();
    }
}

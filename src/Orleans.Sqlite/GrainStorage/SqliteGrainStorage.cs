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
/// ETag. Reads go straight to the file; writes and clears go through the provider's group-commit writer, and a write
/// whose ETag is not the stored one is refused with <see cref="InconsistentStateException"/>.
/// </summary>
public sealed class SqliteGrainStorage : IGrainStorage, ILifecycleParticipant<ISiloLifecycle>, IAsyncDisposable
{
    private readonly string _name;
    private readonly SqliteGrainStorageOptions _options;
    private readonly IActivatorProvider _activators;
    private readonly SqliteDatabase _database;
    private readonly string _serviceId;
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
        _writer = new GrainStateWriter(_database, _serviceId, name, logger);
    }

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        // Readers never wait for the writer in WAL mode, so the read runs on the caller's thread.
        using var connection = _database.Open();
        using var command = connection.Command("""
            SELECT etag, payload FROM orleans_grain_state
            WHERE service_id = @service AND provider_name = @provider AND grain_type = @type AND grain_key = @key AND state_name = @state
            """, null, ("@service", _serviceId), ("@provider", _name), ("@type", grainId.Type.ToString()),
            ("@key", grainId.Key.ToString()), ("@state", stateName));
        using var reader = command.ExecuteReader();
        if (!reader.Read())
        {
            grainState.State = _activators.GetActivator<T>().Create();
            grainState.ETag = null;
            grainState.RecordExists = false;
            return Task.CompletedTask;
        }
        var stored = reader.IsDBNull(1) ? null : reader.GetFieldValue<byte[]>(1);
        grainState.State = stored is null
            ? _activators.GetActivator<T>().Create()
            : _options.GrainStorageSerializer.Deserialize<T>(new BinaryData(stored));
        grainState.ETag = reader.GetString(0);
        grainState.RecordExists = stored is not null;
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
        onStop: async _ => await _writer.DisposeAsync().ConfigureAwait(false));

    public ValueTask DisposeAsync() => _writer.DisposeAsync();
}

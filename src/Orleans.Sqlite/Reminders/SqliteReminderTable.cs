using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Runtime;

namespace Orleans.Sqlite.Reminders;

/// <summary>
/// Orleans' reminder table in a SQLite file, per service id. Each row carries the grain's uniform hash, so a silo reads
/// its share of the hash ring with one index range scan; every upsert gives the row a new ETag, and a remove applies
/// only with the current one.
/// </summary>
public sealed partial class SqliteReminderTable : IReminderTable, IAsyncDisposable
{
    private const string Columns = "grain_id, reminder_name, start_time, period, etag";

    private readonly SqliteDatabase _database;
    private readonly string _serviceId;
    private readonly ILogger _logger;
    private readonly SqliteGroupCommit<SqliteConnection, ReminderEntry, string?> _upserts;

    public SqliteReminderTable(IOptions<SqliteReminderTableOptions> options, IOptions<ClusterOptions> clusterOptions, ILogger<SqliteReminderTable> logger)
    {
        _database = new(options.Value.ConnectionString, "Orleans:Reminders:ConnectionString", ReminderSchema.Sql);
        _serviceId = clusterOptions.Value.ServiceId
            ?? throw new ArgumentException("Orleans:ServiceId is empty: reminders are stored per service id, so every silo must name it.");
        _logger = logger;
        _upserts = new(_database.Open, Upsert, UpsertFailed, RecordBatchSize,
            $"The SQLite reminder table ({_database.FilePath}) is stopped: the silo is shutting down, so it stores no more reminders.");
    }

    // Statements run on the thread pool: waiting for another process's write lock must not block an Orleans scheduler thread.
    public Task StartAsync(CancellationToken cancellationToken = default) => Task.Run(_database.EnsureSchema, cancellationToken);

    public Task<ReminderTableData> ReadRows(GrainId grainId) =>
        Task.Run(() => Query($"SELECT {Columns} FROM orleans_reminders WHERE service_id = @service AND grain_id = @grain",
            ("@grain", grainId.ToString())));

    /// <summary>The reminders whose grain hash is in (begin, end], a range that wraps past uint.MaxValue when begin ≥ end.</summary>
    public Task<ReminderTableData> ReadRows(uint begin, uint end) => Task.Run(() => Query(
        begin < end
            ? $"SELECT {Columns} FROM orleans_reminders WHERE service_id = @service AND grain_hash > @begin AND grain_hash <= @end"
            : $"SELECT {Columns} FROM orleans_reminders WHERE service_id = @service AND (grain_hash > @begin OR grain_hash <= @end)",
        ("@begin", (long)begin), ("@end", (long)end)));

    public Task<ReminderEntry?> ReadRow(GrainId grainId, string reminderName) => Task.Run(() => Query(
            $"SELECT {Columns} FROM orleans_reminders WHERE service_id = @service AND grain_id = @grain AND reminder_name = @name",
            ("@grain", grainId.ToString()), ("@name", reminderName))
        .Reminders.SingleOrDefault());

    /// <summary>Goes through the table's group commit: the reminders many grains set at once share one durable commit.</summary>
    public Task<string?> UpsertRow(ReminderEntry entry) => _upserts.Enqueue(entry);

    private GroupCommitOutcome<string?>[] Upsert(SqliteConnection connection, IReadOnlyList<ReminderEntry> entries)
    {
        var outcomes = new GroupCommitOutcome<string?>[entries.Count];
        using var transaction = connection.BeginTransaction(deferred: false);
        // Prepared once for the batch and bound by position: compiling the statement for each row cost more than
        // SQLite's work on it.
        using var upsert = connection.Command($"""
            INSERT INTO orleans_reminders (service_id, grain_hash, {Columns})
            VALUES (@service, @hash, @grain, @name, @start, @period, @etag)
            ON CONFLICT (service_id, grain_id, reminder_name)
            DO UPDATE SET start_time = excluded.start_time, period = excluded.period, etag = excluded.etag
            """, transaction, ("@service", _serviceId), ("@hash", null), ("@grain", null), ("@name", null), ("@start", null),
            ("@period", null), ("@etag", null));
        upsert.Prepare();
        var parameters = upsert.Parameters;
        for (var i = 0; i < entries.Count; i++)
        {
            var (entry, etag) = (entries[i], ETags.New());
            parameters[1].Value = (long)entry.GrainId.GetUniformHashCode();
            parameters[2].Value = entry.GrainId.ToString();
            parameters[3].Value = entry.ReminderName;
            parameters[4].Value = UtcTicks.From(entry.StartAt);
            parameters[5].Value = entry.Period.Ticks;
            parameters[6].Value = etag;
            upsert.ExecuteNonQuery();
            outcomes[i] = new(etag, null);
        }
        transaction.Commit();
        return outcomes;
    }

    private Exception UpsertFailed(Exception e, int count)
    {
        LogUpsertsFailed(e, count, _database.FilePath);
        return new OrleansException($"Storing {count} reminders in the SQLite reminder table ({_database.FilePath}) failed: {e.Message}. None of them was stored; they may be set again.");
    }

    public Task<bool> RemoveRow(GrainId grainId, string reminderName, string eTag) => Task.Run(() =>
    {
        using var connection = _database.Open();
        using var transaction = connection.BeginTransaction(deferred: false);
        var removed = connection.Execute(
            "DELETE FROM orleans_reminders WHERE service_id = @service AND grain_id = @grain AND reminder_name = @name AND etag = @etag",
            transaction, ("@service", _serviceId), ("@grain", grainId.ToString()), ("@name", reminderName), ("@etag", eTag));
        transaction.Commit();
        return removed == 1;
    });

    public Task TestOnlyClearTable() => Task.Run(() =>
    {
        using var connection = _database.Open();
        using var transaction = connection.BeginTransaction(deferred: false);
        connection.Execute("DELETE FROM orleans_reminders WHERE service_id = @service", transaction, ("@service", _serviceId));
        transaction.Commit();
    });

    private ReminderTableData Query(string sql, params (string, object?)[] parameters)
    {
        using var connection = _database.Open();
        using var command = connection.Command(sql, null, [("@service", _serviceId), .. parameters]);
        using var reader = command.ExecuteReader();
        var reminders = new List<ReminderEntry>();
        while (reader.Read())
            reminders.Add(ReadEntry(reader));
        return new ReminderTableData(reminders);
    }

    private static ReminderEntry ReadEntry(SqliteDataReader reader) => new()
    {
        GrainId = GrainId.Parse(reader.GetString(0)),
        ReminderName = reader.GetString(1),
        StartAt = UtcTicks.ToDateTime(reader.GetInt64(2)),
        Period = TimeSpan.FromTicks(reader.GetInt64(3)),
        ETag = reader.GetString(4),
    };

    private void RecordBatchSize(int count)
    {
        try
        {
            SqliteTelemetry.ReminderBatchSize.Record(count, new KeyValuePair<string, object?>("service", _serviceId));
        }
        catch (Exception e)
        {
            // A metrics listener's callback runs here and may throw: that must not stop the writer every reminder waits on.
            LogTelemetryFailed(e);
        }
    }

    public ValueTask DisposeAsync() => _upserts.DisposeAsync();

    [LoggerMessage(Level = LogLevel.Error, Message = "Storing a batch of {Count} reminders in the SQLite reminder table ({File}) failed; every one of them was refused.")]
    private partial void LogUpsertsFailed(Exception exception, int count, string file);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Recording the batch size of the SQLite reminder table failed in a metrics listener.")]
    private partial void LogTelemetryFailed(Exception exception);
}

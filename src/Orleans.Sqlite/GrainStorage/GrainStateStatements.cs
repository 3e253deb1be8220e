using Microsoft.Data.Sqlite;

namespace Orleans.Sqlite.GrainStorage;

/// <summary>
/// The writer's connection with its statements, prepared once and re-bound for each change. Preparing the statements
/// for every batch and finding each parameter by name for every row cost about as much as SQLite's own work on a row.
/// </summary>
internal sealed class GrainStateStatements : IDisposable
{
    private const string Key =
        "service_id = @service AND provider_name = @provider AND grain_type = @type AND grain_key = @key AND state_name = @state";

    private readonly SqliteConnection _connection;
    private readonly Statement _insert;
    private readonly Statement _update;
    private readonly Statement _delete;
    private readonly Statement _select;

    /// <summary>Opens the writer's connection and prepares its statements.</summary>
    public static GrainStateStatements Open(SqliteDatabase database, string serviceId, string providerName)
    {
        var connection = database.Open();
        try
        {
            return new GrainStateStatements(connection, serviceId, providerName);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    private GrainStateStatements(SqliteConnection connection, string serviceId, string providerName)
    {
        _connection = connection;
        _insert = new(connection, """
            INSERT INTO orleans_grain_state (service_id, provider_name, grain_type, grain_key, state_name, etag, payload, modified_at)
            VALUES (@service, @provider, @type, @key, @state, @etag, @payload, @now) ON CONFLICT DO NOTHING
            """, serviceId, providerName);
        _update = new(connection,
            $"UPDATE orleans_grain_state SET etag = @etag, payload = @payload, modified_at = @now WHERE {Key} AND etag = @expected",
            serviceId, providerName);
        _delete = new(connection, $"DELETE FROM orleans_grain_state WHERE {Key} AND etag = @expected", serviceId, providerName);
        _select = new(connection, $"SELECT etag FROM orleans_grain_state WHERE {Key}", serviceId, providerName);
    }

    /// <summary>Starts the batch's write transaction (BEGIN IMMEDIATE); every statement runs in it until it ends.</summary>
    public SqliteTransaction Begin()
    {
        var transaction = _connection.BeginTransaction(deferred: false);
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        foreach (var statement in (ReadOnlySpan<Statement>)[_insert, _update, _delete, _select])
            statement.Enlist(transaction, now);
        return transaction;
    }

    /// <summary>Inserts the row unless one exists; true if it was inserted.</summary>
    public bool Insert(GrainStateChange change, string etag) => _insert.Execute(change, etag, change.Payload);

    /// <summary>Stores the new payload and ETag if the row has the change's expected ETag; true if it had.</summary>
    public bool Update(GrainStateChange change, string? etag) => _update.Execute(change, etag, change.Payload);

    /// <summary>Deletes the row if it has the change's expected ETag; true if it had.</summary>
    public bool Delete(GrainStateChange change) => _delete.Execute(change, null, null);

    public string? CurrentETag(GrainStateChange change)
    {
        _select.BindKey(change);
        return _select.Command.ExecuteScalar() as string;
    }

    public void Dispose()
    {
        foreach (var statement in (ReadOnlySpan<Statement>)[_insert, _update, _delete, _select])
            statement.Command.Dispose();
        _connection.Dispose();
    }

    /// <summary>One statement and its parameters; the service id and provider name are bound once.</summary>
    private sealed class Statement
    {
        private readonly SqliteParameter _type;
        private readonly SqliteParameter _key;
        private readonly SqliteParameter _state;
        private readonly SqliteParameter? _expected;
        private readonly SqliteParameter? _etag;
        private readonly SqliteParameter? _payload;
        private readonly SqliteParameter? _now;

        public Statement(SqliteConnection connection, string sql, string serviceId, string providerName)
        {
            Command = connection.CreateCommand();
            Command.CommandText = sql;
            Command.Parameters.AddWithValue("@service", serviceId);
            Command.Parameters.AddWithValue("@provider", providerName);
            _type = Add("@type")!;
            _key = Add("@key")!;
            _state = Add("@state")!;
            _expected = Add("@expected");
            _etag = Add("@etag");
            _payload = Add("@payload");
            _now = Add("@now");
            Command.Prepare();
        }

        public SqliteCommand Command { get; }

        public void Enlist(SqliteTransaction transaction, long now)
        {
            Command.Transaction = transaction;
            _now?.Value = now;
        }

        public void BindKey(GrainStateChange change)
        {
            _type.Value = change.GrainType;
            _key.Value = change.GrainKey;
            _state.Value = change.StateName;
        }

        /// <summary>Runs the statement for the change; true if it changed a row.</summary>
        public bool Execute(GrainStateChange change, string? etag, byte[]? payload)
        {
            BindKey(change);
            _expected?.Value = (object?)change.ExpectedETag ?? DBNull.Value;
            _etag?.Value = (object?)etag ?? DBNull.Value;
            _payload?.Value = (object?)payload ?? DBNull.Value;
            return Command.ExecuteNonQuery() == 1;
        }

        // Only the parameters the statement names, so that binding a row sets nothing SQLite then ignores.
        private SqliteParameter? Add(string name) =>
            Command.CommandText.Contains(name, StringComparison.Ordinal) ? Command.Parameters.Add(new SqliteParameter(name, DBNull.Value)) : null;
    }
}

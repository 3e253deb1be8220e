using Microsoft.Data.Sqlite;

namespace Actors.Persistence.Sqlite;

/// <summary>
/// One SQLite file holding actor state, the membership table and reminders. Several processes (silos and
/// clients on one machine) share it, so it runs in WAL mode (readers never block the writer) and every
/// connection waits for a busy lock instead of failing.
/// </summary>
public sealed class SqliteDatabase
{
    private readonly string _connectionString;
    private readonly Lazy<bool> _schema;

    public SqliteDatabase(string connectionString)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        if (string.IsNullOrWhiteSpace(builder.DataSource))
            throw new ArgumentException("Actors:Storage:ConnectionString needs a Data Source, e.g. \"Data Source=/abs/path/actors.db\".");
        builder.Pooling = true;
        builder.DefaultTimeout = Math.Max(builder.DefaultTimeout, 30);
        if (builder.Mode != SqliteOpenMode.Memory && Path.GetDirectoryName(Path.GetFullPath(builder.DataSource)) is { } folder)
            Directory.CreateDirectory(folder);
        _connectionString = builder.ToString();
        _schema = new Lazy<bool>(CreateSchema);
    }

    public string DataSource => new SqliteConnectionStringBuilder(_connectionString).DataSource;

    /// <summary>An open connection; the schema exists once this returns.</summary>
    public SqliteConnection Open()
    {
        _ = _schema.Value;
        return OpenRaw();
    }

    private SqliteConnection OpenRaw()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        return connection;
    }

    private bool CreateSchema()
    {
        using var connection = OpenRaw();
        Execute(connection, "PRAGMA journal_mode=WAL;");
        using var transaction = connection.BeginTransaction();
        // The actor key leads every primary key: tenant-scoped keys start with the tenant id,
        // so each tenant's rows are contiguous in the B-tree.
        Execute(connection, """
            CREATE TABLE IF NOT EXISTS actor_state (
                actor_key TEXT NOT NULL,
                actor_kind TEXT NOT NULL,
                state_name TEXT NOT NULL,
                version INTEGER NOT NULL,
                data BLOB NOT NULL,
                updated_at INTEGER NOT NULL,
                PRIMARY KEY (actor_key, actor_kind, state_name)) WITHOUT ROWID;
            CREATE TABLE IF NOT EXISTS membership_version (
                cluster_id TEXT NOT NULL PRIMARY KEY,
                version INTEGER NOT NULL);
            CREATE TABLE IF NOT EXISTS membership (
                cluster_id TEXT NOT NULL,
                host TEXT NOT NULL,
                port INTEGER NOT NULL,
                generation INTEGER NOT NULL,
                status INTEGER NOT NULL,
                started_at INTEGER NOT NULL,
                heartbeat_at INTEGER NOT NULL,
                PRIMARY KEY (cluster_id, host, port, generation)) WITHOUT ROWID;
            CREATE TABLE IF NOT EXISTS reminders (
                actor_key TEXT NOT NULL,
                actor_kind TEXT NOT NULL,
                name TEXT NOT NULL,
                cluster_id TEXT NOT NULL,
                due_at INTEGER NOT NULL,
                period_ms INTEGER NOT NULL,
                version INTEGER NOT NULL,
                PRIMARY KEY (actor_key, actor_kind, name)) WITHOUT ROWID;
            """, transaction);
        transaction.Commit();
        return true;
    }

    internal static void Execute(SqliteConnection connection, string sql, SqliteTransaction? transaction = null)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        command.ExecuteNonQuery();
    }
}

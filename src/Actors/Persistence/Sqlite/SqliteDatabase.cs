using System.Data.Common;
using Actors.Persistence.Relational;
using Microsoft.Data.Sqlite;

namespace Actors.Persistence.Sqlite;

/// <summary>
/// The embedded default store: one SQLite file shared by the silos and clients of one machine. It runs in WAL
/// mode (readers never block the writer) and every connection waits for a busy lock instead of failing.
/// </summary>
public sealed class SqliteDatabase : RelationalDatabase
{
    private readonly string _connectionString;

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
        Description = builder.DataSource;
    }

    public override string Description { get; }

    protected override DbConnection OpenConnection()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        return connection;
    }

    // IMMEDIATE: take the write lock up front, so two writers never deadlock upgrading a read lock.
    public override DbTransaction BeginWrite(DbConnection connection) => ((SqliteConnection)connection).BeginTransaction(deferred: false);

    public override DbTransaction BeginSnapshot(DbConnection connection) => ((SqliteConnection)connection).BeginTransaction(deferred: true);

    // FULL makes the commit itself durable (fsync of the WAL); group commit shares that cost.
    public override void PrepareDurableWrite(DbConnection connection) => Execute(connection, "PRAGMA synchronous=FULL;");

    protected override void CreateSchema(DbConnection connection)
    {
        Execute(connection, "PRAGMA journal_mode=WAL;");
        using var transaction = BeginWrite(connection);
        // The actor key leads every primary key: keys that start with an owner id ("owner/id")
        // keep each owner's rows contiguous in the B-tree.
        Execute(connection, """
            CREATE TABLE IF NOT EXISTS actor_state (
                actor_key TEXT NOT NULL, actor_kind TEXT NOT NULL, state_name TEXT NOT NULL,
                version INTEGER NOT NULL, data BLOB NOT NULL, updated_at INTEGER NOT NULL,
                PRIMARY KEY (actor_key, actor_kind, state_name)) WITHOUT ROWID;
            CREATE TABLE IF NOT EXISTS membership_version (
                cluster_id TEXT NOT NULL PRIMARY KEY, version INTEGER NOT NULL);
            CREATE TABLE IF NOT EXISTS membership (
                cluster_id TEXT NOT NULL, host TEXT NOT NULL, port INTEGER NOT NULL, generation INTEGER NOT NULL,
                status INTEGER NOT NULL, started_at INTEGER NOT NULL, heartbeat_at INTEGER NOT NULL,
                PRIMARY KEY (cluster_id, host, port, generation)) WITHOUT ROWID;
            CREATE TABLE IF NOT EXISTS membership_suspicion (
                cluster_id TEXT NOT NULL, host TEXT NOT NULL, port INTEGER NOT NULL, generation INTEGER NOT NULL,
                voter_host TEXT NOT NULL, voter_port INTEGER NOT NULL, voter_generation INTEGER NOT NULL, voted_at INTEGER NOT NULL,
                PRIMARY KEY (cluster_id, host, port, generation, voter_host, voter_port, voter_generation)) WITHOUT ROWID;
            CREATE TABLE IF NOT EXISTS reminders (
                actor_key TEXT NOT NULL, actor_kind TEXT NOT NULL, name TEXT NOT NULL, cluster_id TEXT NOT NULL,
                due_at INTEGER NOT NULL, period_ms INTEGER NOT NULL, version INTEGER NOT NULL,
                PRIMARY KEY (actor_key, actor_kind, name)) WITHOUT ROWID;
            -- The scan for due reminders; without it every poll of every silo would read every reminder of the cluster.
            CREATE INDEX IF NOT EXISTS reminders_due ON reminders (cluster_id, due_at);
            """, transaction);
        transaction.Commit();
    }
}

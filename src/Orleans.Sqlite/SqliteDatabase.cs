using Microsoft.Data.Sqlite;

namespace Orleans.Sqlite;

/// <summary>
/// One SQLite file shared by every silo and client process of a machine. Connections run in WAL mode (readers never
/// block the writer), wait for a busy lock instead of failing, and commit durably (synchronous=FULL fsyncs the WAL).
/// Writers take the write lock up front (BEGIN IMMEDIATE), so two processes never deadlock upgrading a read lock.
/// </summary>
public sealed class SqliteDatabase
{
    /// <summary>How long a statement waits for another process's write lock before it fails.</summary>
    public static readonly TimeSpan BusyTimeout = TimeSpan.FromSeconds(30);

    private readonly string _connectionString;
    private readonly string _schema;
    private readonly Lock _schemaLock = new();
    private volatile bool _schemaCreated;

    /// <param name="connectionString">A Microsoft.Data.Sqlite connection string with a Data Source.</param>
    /// <param name="setting">The configuration key the connection string came from, for error messages.</param>
    /// <param name="schema">
    /// The feature's tables: <c>CREATE ... IF NOT EXISTS</c> statements, run once per instance in one write transaction,
    /// so several processes starting at once create them exactly once.
    /// </param>
    public SqliteDatabase(string? connectionString, string setting, string schema)
    {
        if (string.IsNullOrWhiteSpace(connectionString))
            throw new ArgumentException($"{setting} is empty: set it to a SQLite connection string such as \"Data Source=/abs/path/cluster.db\".", nameof(connectionString));
        var builder = new SqliteConnectionStringBuilder(connectionString);
        if (string.IsNullOrWhiteSpace(builder.DataSource))
            throw new ArgumentException($"{setting} has no Data Source: set it to a SQLite connection string such as \"Data Source=/abs/path/cluster.db\".", nameof(connectionString));
        if (builder.Mode == SqliteOpenMode.Memory || builder.DataSource == ":memory:")
            throw new ArgumentException($"{setting} names an in-memory database, which no other process can share: give it a file.", nameof(connectionString));
        builder.Pooling = true;
        builder.DefaultTimeout = Math.Max(builder.DefaultTimeout, (int)BusyTimeout.TotalSeconds);
        if (Path.GetDirectoryName(Path.GetFullPath(builder.DataSource)) is { Length: > 0 } folder)
            Directory.CreateDirectory(folder);
        _connectionString = builder.ToString();
        _schema = schema;
        FilePath = Path.GetFullPath(builder.DataSource);
    }

    /// <summary>The database file, for error messages.</summary>
    public string FilePath { get; }

    /// <summary>
    /// Creates this feature's tables if they do not exist yet; later calls return at once. A failure (the folder is
    /// not writable, the file is locked past the busy timeout) is thrown to the caller and tried again on the next call.
    /// </summary>
    public void EnsureSchema()
    {
        if (_schemaCreated)
            return;
        lock (_schemaLock)
        {
            if (_schemaCreated)
                return;
            using var connection = OpenConnection();
            // WAL is a property of the file: the first process to get here switches it, the others find it switched.
            connection.Execute("PRAGMA journal_mode=WAL;");
            using var transaction = connection.BeginTransaction(deferred: false);
            connection.Execute(_schema, transaction);
            transaction.Commit();
            _schemaCreated = true;
        }
    }

    /// <summary>An open connection (from the pool), with the schema created.</summary>
    public SqliteConnection Open()
    {
        EnsureSchema();
        return OpenConnection();
    }

    private SqliteConnection OpenConnection()
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            connection.Open();
            connection.Execute($"PRAGMA busy_timeout={(int)BusyTimeout.TotalMilliseconds}; PRAGMA synchronous=FULL;");
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }
}

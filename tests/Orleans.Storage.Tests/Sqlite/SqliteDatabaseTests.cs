using Microsoft.Data.Sqlite;
using Orleans.Sqlite;

namespace Orleans.Storage.Tests.Sqlite;

/// <summary>How the providers use the shared file: the settings every process relies on to share it safely.</summary>
public sealed class SqliteDatabaseTests(SqliteBackend backend) : IClassFixture<SqliteBackend>
{
    private const string Schema = "CREATE TABLE IF NOT EXISTS probe (id INTEGER PRIMARY KEY);";

    [Fact]
    public void The_file_is_in_WAL_mode_and_connections_commit_durably_and_wait_for_locks()
    {
        var database = new SqliteDatabase(backend.ConnectionString, "test", Schema);

        using var connection = database.Open();

        Assert.Equal("wal", Scalar(connection, "PRAGMA journal_mode;"));
        Assert.Equal(2L, Scalar(connection, "PRAGMA synchronous;")); // FULL
        Assert.Equal((long)SqliteDatabase.BusyTimeout.TotalMilliseconds, Scalar(connection, "PRAGMA busy_timeout;"));
    }

    [Fact]
    public void A_write_transaction_holds_the_write_lock_from_its_begin()
    {
        var database = new SqliteDatabase(backend.ConnectionString, "test", Schema);
        using var writer = database.Open();
        using var other = new SqliteConnection(backend.ConnectionString);
        other.Open();

        using (writer.BeginTransaction(deferred: false))
        {
            // Nothing written yet, and still no other process can start writing: the lock was taken up front
            // (BEGIN IMMEDIATE), so no two writers ever hold read locks they then both need to upgrade.
            using var begin = new SqliteCommand("BEGIN IMMEDIATE;", other) { CommandTimeout = 1 };
            var busy = Assert.Throws<SqliteException>(() => begin.ExecuteNonQuery());
            Assert.Equal(5, busy.SqliteErrorCode); // SQLITE_BUSY
        }
    }

    [Fact]
    public async Task Many_starting_at_once_on_a_new_file_create_the_tables_once_without_error()
    {
        var file = backend.NewFileConnectionString();
        var schema = "CREATE TABLE IF NOT EXISTS probe (id INTEGER PRIMARY KEY); CREATE INDEX IF NOT EXISTS probe_id ON probe (id);";
        using var start = new Barrier(8);

        // Each as a process would: its own instance, its own connections, all at the same moment.
        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Factory.StartNew(() =>
        {
            var database = new SqliteDatabase(file, "test", schema);
            start.SignalAndWait();
            database.EnsureSchema();
        }, TaskCreationOptions.LongRunning)));

        using var connection = new SqliteDatabase(file, "test", schema).Open();
        Assert.Equal(2L, Scalar(connection, "SELECT count(*) FROM sqlite_master WHERE name IN ('probe', 'probe_id');"));
    }

    [Fact]
    public void An_in_memory_database_is_refused_with_what_to_do()
    {
        var error = Assert.Throws<ArgumentException>(() => new SqliteDatabase("Data Source=:memory:", "Orleans:Clustering:ConnectionString", Schema));

        Assert.Contains("Orleans:Clustering:ConnectionString", error.Message, StringComparison.Ordinal);
        Assert.Contains("give it a file", error.Message, StringComparison.Ordinal);
    }

    private static object? Scalar(SqliteConnection connection, string sql)
    {
        using var command = new SqliteCommand(sql, connection);
        return command.ExecuteScalar();
    }
}

using Actors.Persistence.Postgres;
using Actors.Persistence.Relational;
using Actors.Persistence.Sqlite;
using Actors.Tests.Fixtures;

namespace Actors.Tests.Reminders;

/// <summary>Every silo polls for due reminders every second: the poll must read the due rows, not the whole table.</summary>
public sealed class ReminderIndexTests : IDisposable
{
    private readonly TempDatabase _database = new();

    public void Dispose() => _database.Dispose();

    private static List<string> Rows(System.Data.Common.DbConnection connection, string sql)
    {
        using var command = connection.Command(sql);
        using var reader = command.ExecuteReader();
        var rows = new List<string>();
        while (reader.Read())
            rows.Add(string.Join(' ', Enumerable.Range(0, reader.FieldCount).Select(i => reader.GetValue(i).ToString())));
        return rows;
    }

    [Fact]
    public void On_sqlite_the_due_scan_searches_the_cluster_and_due_time_index()
    {
        using var connection = new SqliteDatabase(_database.ConnectionString).Open();

        var plan = Rows(connection,
            "EXPLAIN QUERY PLAN SELECT actor_key, actor_kind, name, due_at, period_ms, version FROM reminders WHERE cluster_id = 'c' AND due_at <= 5");

        Assert.Contains(plan, step => step.Contains("SEARCH reminders USING INDEX reminders_due (cluster_id=? AND due_at<?)", StringComparison.Ordinal));
    }

    [Fact]
    public void On_postgres_the_cluster_and_due_time_index_exists()
    {
        using var connection = new PostgresDatabase(PostgresServer.Shared.CreateDatabase()).Open();

        var definition = Assert.Single(Rows(connection, "SELECT indexdef FROM pg_indexes WHERE tablename = 'reminders' AND indexname = 'reminders_due'"));

        Assert.Contains("(cluster_id, due_at)", definition, StringComparison.Ordinal);
    }
}

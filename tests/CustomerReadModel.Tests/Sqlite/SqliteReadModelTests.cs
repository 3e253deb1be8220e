using Crm.CustomerReadModel.Sqlite;
using Crm.CustomerReadModel.Tests.Contract;
using Microsoft.Data.Sqlite;

namespace Crm.CustomerReadModel.Tests.Sqlite;

/// <summary>The contract on a SQLite file of each test's own.</summary>
public sealed class SqliteReadModelTests : ReadModelContract, IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("crm-readmodel-").FullName;

    private string ConnectionString => $"Data Source={Path.Combine(_folder, "customers.db")}";

    protected override SqlCustomerReadModel OpenStore() => new SqliteCustomerReadModel(ConnectionString);

    protected override Task<IAsyncDisposable> HoldWriteLockAsync()
    {
        var connection = new SqliteConnection(ConnectionString + ";Pooling=False");
        connection.Open();
        var transaction = connection.BeginTransaction(deferred: false);
        return Task.FromResult<IAsyncDisposable>(new WriteLock(connection, transaction));
    }

    [Fact]
    public async Task The_file_is_in_wal_mode_with_fts5_search()
    {
        await using var store = OpenStore();
        await store.UpsertAsync(Samples.One("t", "c1"));

        await using var connection = new SqliteConnection(ConnectionString + ";Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode; ";
        Assert.Equal("wal", command.ExecuteScalar());
        command.CommandText = "SELECT COUNT(*) FROM customer_search";
        Assert.Equal(1L, command.ExecuteScalar());
    }

    [Fact]
    public async Task A_file_made_before_custom_fields_gets_the_column_and_keeps_its_rows()
    {
        await using (var connection = new SqliteConnection(ConnectionString + ";Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            var column = SqliteSchema.Added.Single(a => a.Column == "custom_fields");
            command.CommandText = SqliteSchema.Create.Replace("custom_fields TEXT NOT NULL DEFAULT '{}',", "", StringComparison.Ordinal) +
                "INSERT INTO customer_listing (tenant_id, customer_id, name, name_key, stage, tier, tags, total_spend_e4, order_count, " +
                "interaction_count, last_interaction_at, open_complaints, created_at, updated_at, version, name_terms, other_terms) " +
                "VALUES ('t', 'old', 'Old Row', 'old row', 'AWARENESS', 'C', '[]', 0, 0, 0, -1, 0, 0, 0, 1, '', '');";
            command.ExecuteNonQuery();
            command.CommandText = $"SELECT COUNT(*) FROM pragma_table_info('customer_listing') WHERE name = '{column.Column}'";
            Assert.Equal(0L, command.ExecuteScalar());
        }

        await using var store = OpenStore();
        await store.UpsertAsync(Samples.Full("t", "new"));

        Assert.Empty((await store.GetAsync("t", "old"))!.CustomFields);
        var gold = await store.QueryAsync(new() { TenantId = "t", Filter = new() { CustomFields = new Dictionary<string, string> { ["plan"] = "gold" } } });
        Assert.Equal(["new"], gold.Items.Select(l => l.CustomerId));
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    private sealed class WriteLock(SqliteConnection connection, SqliteTransaction transaction) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await transaction.RollbackAsync();
            await transaction.DisposeAsync();
            await connection.DisposeAsync();
        }
    }
}

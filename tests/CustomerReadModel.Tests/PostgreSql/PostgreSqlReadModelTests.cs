using Crm.CustomerReadModel.PostgreSql;
using Crm.CustomerReadModel.Tests.Contract;
using Npgsql;

namespace Crm.CustomerReadModel.Tests.PostgreSql;

/// <summary>The contract on a PostgreSQL database of each test's own.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgreSqlReadModelTests(PostgresFixture postgres) : ReadModelContract
{
    private readonly string _connectionString = postgres.Server.CreateDatabase();

    protected override SqlCustomerReadModel OpenStore() => new PostgreSqlCustomerReadModel(_connectionString);

    protected override async Task<IAsyncDisposable> HoldWriteLockAsync()
    {
        var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync();
        var transaction = await connection.BeginTransactionAsync();
        await using (var command = new NpgsqlCommand("LOCK TABLE customer_listing IN EXCLUSIVE MODE", connection, transaction))
            await command.ExecuteNonQueryAsync();
        return new WriteLock(connection, transaction);
    }

    [Fact]
    public async Task Two_stores_starting_at_once_on_an_empty_database_both_create_or_find_the_table()
    {
        await using var first = OpenStore();
        await using var second = OpenStore();

        await Task.WhenAll(first.UpsertAsync(Samples.One("t", "c1")), second.UpsertAsync(Samples.One("t", "c2")));

        Assert.Equal(2, await first.CountAsync("t", Queries.CustomerFilter.All));
    }

    [Fact]
    public async Task A_table_made_before_custom_fields_gets_the_column_and_keeps_its_rows()
    {
        var before = PostgreSqlSchema.Create
            .Replace("custom_fields jsonb NOT NULL DEFAULT '{}',", "", StringComparison.Ordinal)
            .Replace("ALTER TABLE customer_listing ADD COLUMN IF NOT EXISTS custom_fields jsonb NOT NULL DEFAULT '{}';", "", StringComparison.Ordinal);
        Assert.DoesNotContain("custom_fields", before);
        await using (var connection = new NpgsqlConnection(_connectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand(before +
                "INSERT INTO customer_listing (tenant_id, customer_id, name, name_key, stage, tier, tags, total_spend_e4, order_count, " +
                "interaction_count, last_interaction_at, open_complaints, created_at, updated_at, version, search) " +
                "VALUES ('t', 'old', 'Old Row', 'old row', 'AWARENESS', 'C', '[]', 0, 0, 0, -1, 0, 0, 0, 1, '');", connection);
            await command.ExecuteNonQueryAsync();
        }

        await using var store = OpenStore();
        await store.UpsertAsync(Samples.Full("t", "new"));

        Assert.Empty((await store.GetAsync("t", "old"))!.CustomFields);
        var gold = await store.QueryAsync(new() { TenantId = "t", Filter = new() { CustomFields = new Dictionary<string, string> { ["plan"] = "gold" } } });
        Assert.Equal(["new"], gold.Items.Select(l => l.CustomerId));
    }

    private sealed class WriteLock(NpgsqlConnection connection, NpgsqlTransaction transaction) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await transaction.RollbackAsync();
            await transaction.DisposeAsync();
            await connection.DisposeAsync();
        }
    }
}

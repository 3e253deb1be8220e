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

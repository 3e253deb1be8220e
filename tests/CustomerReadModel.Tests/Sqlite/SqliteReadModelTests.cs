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

using Crm.AuditLog.Sqlite;
using Crm.AuditLog.Tests.Contract;
using Microsoft.Data.Sqlite;

namespace Crm.AuditLog.Tests.Sqlite;

/// <summary>The contract on a SQLite file of each test's own.</summary>
public sealed class SqliteAuditLogTests : AuditLogContract, IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "crm-audit-" + Guid.NewGuid().ToString("N")[..8]);

    private string ConnectionString => $"Data Source={Path.Combine(_folder, "audit.db")}";

    protected override SqlAuditLog OpenStore() => new SqliteAuditLog(ConnectionString);

    protected override async Task ExecuteDirectlyAsync(string sql)
    {
        await using var connection = new SqliteConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_folder))
            Directory.Delete(_folder, recursive: true);
    }
}

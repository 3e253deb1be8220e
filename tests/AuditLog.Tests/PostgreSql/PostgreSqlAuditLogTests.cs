using Crm.AuditLog.PostgreSql;
using Crm.AuditLog.Tests.Contract;
using Crm.Tests.Shared;
using Npgsql;

namespace Crm.AuditLog.Tests.PostgreSql;

/// <summary>The contract on a PostgreSQL database of each test's own (one server for the run).</summary>
public sealed class PostgreSqlAuditLogTests : AuditLogContract
{
    private readonly string _connectionString = PostgresServer.Shared.CreateDatabase();

    protected override SqlAuditLog OpenStore() => new PostgreSqlAuditLog(_connectionString);

    protected override async Task ExecuteDirectlyAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    [Fact]
    public async Task Truncate_is_refused_and_a_session_cannot_erase_another_tenant_under_one_tenants_erasure_setting()
    {
        await using var store = OpenStore();
        await store.AppendAsync(Entry("a", 1));
        await store.AppendAsync(Entry("b", 2));

        var truncate = await Assert.ThrowsAnyAsync<PostgresException>(() => ExecuteDirectlyAsync("TRUNCATE audit_log"));
        var other = await Assert.ThrowsAnyAsync<PostgresException>(() => ExecuteDirectlyAsync(
            "BEGIN; SELECT set_config('crm.audit_erasure_tenant', 'a', true); DELETE FROM audit_log WHERE tenant_id = 'b'; COMMIT;"));

        Assert.Contains("append-only", truncate.MessageText);
        Assert.Contains("append-only", other.MessageText);
        Assert.Single((await store.QueryAsync(new AuditQuery("b"))).Entries);
    }
}

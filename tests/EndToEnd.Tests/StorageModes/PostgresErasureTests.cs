using System.Net;
using System.Net.Http.Headers;
using Npgsql;

namespace EndToEnd.Tests.StorageModes;

/// <summary>The whole system on PostgreSQL (Debian's server, started by the AppHost in the data folder).</summary>
public sealed class PostgresSystem : SystemFixture
{
    protected override string[] Options => ["--storage", "postgres"];
}

/// <summary>
/// An operator's erasure of a tenant through the gateway, checked as an operator would: in the PostgreSQL database
/// itself, where the grain states, the read model and the audit log live.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class PostgresErasureTests(PostgresSystem system) : IClassFixture<PostgresSystem>
{
    [Fact]
    public async Task Erasing_a_tenant_leaves_no_row_of_it_in_postgres_and_the_other_tenant_whole()
    {
        var erased = await SignUpWithCustomersAsync("Erased On Postgres");
        var kept = await SignUpWithCustomersAsync("Kept On Postgres");
        await using var database = NpgsqlDataSource.Create(ConnectionString());
        var before = await RowsOfAsync(database, erased.TenantId);
        Assert.True(before.States > 0 && before.Listings == 3 && before.AuditEntries > 0, $"before the erasure: {before}");

        using var request = new HttpRequestMessage(HttpMethod.Delete, $"/ops/tenants/{erased.TenantId}");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", system.OperatorToken);
        using var response = await system.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(new Rows(0, 0, 0), await RowsOfAsync(database, erased.TenantId));
        Assert.Equal(HttpStatusCode.Unauthorized, (await system.Client.GraphQLAsync(erased.ApiKey, "{ __typename }")).Status);
        var left = await RowsOfAsync(database, kept.TenantId);
        Assert.True(left.States > 0 && left.Listings == 3 && left.AuditEntries > 0, $"the other tenant after the erasure: {left}");
        var (_, count) = await system.Client.GraphQLAsync(kept.ApiKey, "{ customers(first: 1) { totalCount } }");
        Assert.Equal(3, (int)count["data"]!["customers"]!["totalCount"]!);
    }

    private async Task<CrmClient.Tenant> SignUpWithCustomersAsync(string company)
    {
        var tenant = await system.Client.SignUpAsync(company);
        foreach (var name in new[] { "Ada", "Grace", "Edsger" })
        {
            var (_, created) = await system.Client.GraphQLAsync(tenant.ApiKey, "mutation($n: String!) { createCustomer(input: {name: $n}) { customer { id } } }", new { n = name });
            Assert.NotNull((string?)created["data"]?["createCustomer"]?["customer"]?["id"]);
        }
        return tenant;
    }

    private sealed record Rows(long States, long Listings, long AuditEntries);

    /// <summary>
    /// The tenant's rows: grain states keyed by it (Orleans' string keys are in grainidextensionstring; every key of
    /// a tenant's grains starts with its id), its customers' listings and its audit entries.
    /// </summary>
    private static async Task<Rows> RowsOfAsync(NpgsqlDataSource database, string tenantId)
    {
        async Task<long> CountAsync(string sql)
        {
            await using var command = database.CreateCommand(sql);
            command.Parameters.AddWithValue("tenant", tenantId);
            return (long)(await command.ExecuteScalarAsync())!;
        }
        return new Rows(
            await CountAsync("SELECT COUNT(*) FROM orleansstorage WHERE starts_with(grainidextensionstring, @tenant)"),
            await CountAsync("SELECT COUNT(*) FROM customer_listing WHERE tenant_id = @tenant"),
            await CountAsync("SELECT COUNT(*) FROM audit_log WHERE tenant_id = @tenant"));
    }

    /// <summary>The database the silos store in, as the AppHost handed it to them.</summary>
    private string ConnectionString()
    {
        var silo = Assert.Single(system.Host.SiloProcesses());
        return AppHostProcess.EnvironmentVariable(silo.Id, "Orleans__GrainStorage__Default__ConnectionString")
            ?? throw new InvalidOperationException("The silo was given no grain storage connection string.");
    }
}

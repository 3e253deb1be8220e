using Crm.Tests.Shared;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using Orleans.PostgreSql;
using Orleans.Storage.Tests.Fixtures;

namespace Orleans.Storage.Tests.PostgreSql;

/// <summary>Orleans' PostgreSQL scripts are applied once, however many silos start at once, and before Orleans starts.</summary>
public sealed class PostgreSqlSchemaTests
{
    [Fact]
    public async Task Silos_starting_at_once_apply_each_script_exactly_once()
    {
        var database = PostgresServer.Shared.CreateDatabase();

        var runs = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => PostgreSqlSchema.EnsureAsync(database, OrleansTables.All))));

        Assert.Equal(
            ["PostgreSQL-Main.sql", "PostgreSQL-Clustering.sql", "PostgreSQL-Persistence.sql", "PostgreSQL-Reminders.sql"],
            runs.Single(applied => applied.Count > 0));
        Assert.Equal(3, runs.Count(applied => applied.Count == 0));
        Assert.Empty(await PostgreSqlSchema.EnsureAsync(database, OrleansTables.All));
        Assert.Contains("WriteToStorageKey", await QueryKeys(database));
    }

    [Fact]
    public async Task Only_the_tables_asked_for_are_created_and_the_rest_can_follow()
    {
        var database = PostgresServer.Shared.CreateDatabase();

        Assert.Equal(["PostgreSQL-Main.sql", "PostgreSQL-Clustering.sql"], await PostgreSqlSchema.EnsureAsync(database, OrleansTables.Clustering));
        Assert.Equal(["PostgreSQL-Reminders.sql"], await PostgreSqlSchema.EnsureAsync(database, OrleansTables.Clustering | OrleansTables.Reminders));

        var keys = await QueryKeys(database);
        Assert.Contains("InsertMembershipKey", keys);
        Assert.Contains("UpsertReminderRowKey", keys);
        Assert.DoesNotContain("WriteToStorageKey", keys);
    }

    [Fact]
    public async Task The_installer_runs_first_and_sets_up_every_database_the_Orleans_section_names()
    {
        var cluster = PostgresServer.Shared.CreateDatabase();
        var state = PostgresServer.Shared.CreateDatabase();
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Orleans:ClusterId"] = "schema", ["Orleans:ServiceId"] = "schema",
            ["Orleans:Clustering:ProviderType"] = "AdoNet", ["Orleans:Clustering:Invariant"] = "Npgsql",
            ["Orleans:Clustering:ConnectionString"] = cluster,
            ["Orleans:Reminders:ProviderType"] = "AdoNet", ["Orleans:Reminders:Invariant"] = "Npgsql",
            ["Orleans:Reminders:ConnectionName"] = "cluster",
            ["ConnectionStrings:cluster"] = cluster,
            ["Orleans:GrainStorage:Default:ProviderType"] = "AdoNet", ["Orleans:GrainStorage:Default:Invariant"] = "Npgsql",
            ["Orleans:GrainStorage:Default:ConnectionString"] = state,
        });
        builder.UseOrleans();
        builder.Services.AddOrleansPostgreSqlSchema(); // after UseOrleans, yet it must run before the silo
        using var host = builder.Build();

        var installer = Assert.IsType<PostgreSqlSchemaInstaller>(host.Services.GetServices<IHostedService>().First());
        await installer.StartAsync(CancellationToken.None);

        var clusterKeys = await QueryKeys(cluster);
        Assert.Contains("InsertMembershipKey", clusterKeys);
        Assert.Contains("UpsertReminderRowKey", clusterKeys);
        Assert.DoesNotContain("WriteToStorageKey", clusterKeys);
        Assert.Equal(["WriteToStorageKey"], (await QueryKeys(state)).Where(key => key == "WriteToStorageKey"));
    }

    private static async Task<List<string>> QueryKeys(string database)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT QueryKey FROM OrleansQuery", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var keys = new List<string>();
        while (await reader.ReadAsync())
            keys.Add(reader.GetString(0));
        return keys;
    }
}

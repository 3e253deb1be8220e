using Crm.Tests.Shared;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;
using Orleans.PostgreSql;
using Orleans.Storage.Tests.Fixtures;
using Orleans.Storage.Tests.Harness;

namespace Orleans.Storage.Tests.PostgreSql;

/// <summary>
/// A PostgreSQL database of its own for each test class, on the one server of the test run (Debian's PostgreSQL,
/// started by <see cref="PostgresServer"/>), with Orleans' tables created by <see cref="PostgreSqlSchema"/>.
/// The providers are Orleans' own ADO.NET ones, configured as the services configure them.
/// </summary>
public class PostgresBackend : IStorageBackend
{
    public PostgresBackend()
        : this(createTables: true)
    {
    }

    protected PostgresBackend(bool createTables)
    {
        ConnectionString = PostgresServer.Shared.CreateDatabase();
        if (createTables)
            PostgreSqlSchema.EnsureAsync(ConnectionString, OrleansTables.All).GetAwaiter().GetResult();
    }

    public string ConnectionString { get; }

    public IReadOnlyDictionary<string, string?> Settings(params string[] grainStorageNames)
    {
        var settings = new Dictionary<string, string?>();
        foreach (var section in new[] { "Orleans:Clustering", "Orleans:Reminders" }.Concat(grainStorageNames.Select(name => $"Orleans:GrainStorage:{name}")))
        {
            settings[$"{section}:ProviderType"] = "AdoNet";
            settings[$"{section}:Invariant"] = "Npgsql";
            settings[$"{section}:ConnectionString"] = ConnectionString;
        }
        return settings;
    }

    // Orleans' AdoNet grain storage builder reads no DeleteStateOnClear from its section.
    public void DeleteStateOnClear(HostApplicationBuilder builder, string name) =>
        builder.Services.Configure<AdoNetGrainStorageOptions>(name, options => options.DeleteStateOnClear = true);
}

/// <summary>A database with none of Orleans' tables yet, for silos that create them at start.</summary>
public sealed class EmptyPostgresBackend() : PostgresBackend(createTables: false);

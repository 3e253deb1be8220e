using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Orleans.PostgreSql;

/// <summary>
/// At host start, before Orleans starts, creates Orleans' tables in every PostgreSQL database the Orleans configuration
/// section names: each of Orleans:Clustering, Orleans:Reminders and Orleans:GrainStorage:NAME whose ProviderType is
/// AdoNet with Invariant Npgsql, reached by its ConnectionString or ConnectionName.
/// </summary>
public sealed partial class PostgreSqlSchemaInstaller(IConfiguration configuration, ILogger<PostgreSqlSchemaInstaller> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var (connectionString, tables) in Databases(configuration))
        {
            var applied = await PostgreSqlSchema.EnsureAsync(connectionString, tables, cancellationToken).ConfigureAwait(false);
            LogEnsured(tables, applied.Count == 0 ? "none: all were there" : string.Join(", ", applied));
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>The PostgreSQL databases of the Orleans configuration, each with the tables its providers need.</summary>
    public static IReadOnlyDictionary<string, OrleansTables> Databases(IConfiguration configuration)
    {
        var orleans = configuration.GetSection("Orleans");
        var sections = new List<(IConfigurationSection Section, OrleansTables Tables)>
        {
            (orleans.GetSection("Clustering"), OrleansTables.Clustering),
            (orleans.GetSection("Reminders"), OrleansTables.Reminders),
        };
        sections.AddRange(orleans.GetSection("GrainStorage").GetChildren().Select(storage => (storage, OrleansTables.Persistence)));
        var databases = new Dictionary<string, OrleansTables>(StringComparer.Ordinal);
        foreach (var (section, tables) in sections)
        {
            if (!string.Equals(section["ProviderType"], "AdoNet", StringComparison.OrdinalIgnoreCase)
                || !string.Equals(section["Invariant"], "Npgsql", StringComparison.OrdinalIgnoreCase))
                continue;
            var connectionString = section["ConnectionString"] is { Length: > 0 } given ? given
                : section["ConnectionName"] is { Length: > 0 } name ? configuration.GetConnectionString(name)
                : null;
            if (string.IsNullOrWhiteSpace(connectionString))
                throw new InvalidOperationException($"{section.Path} uses Orleans' ADO.NET provider with Npgsql but names no database: set {section.Path}:ConnectionString or {section.Path}:ConnectionName.");
            databases[connectionString] = databases.GetValueOrDefault(connectionString) | tables;
        }
        return databases;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Orleans' PostgreSQL tables for {Tables} are in place; scripts applied: {Applied}.")]
    private partial void LogEnsured(OrleansTables tables, string applied);
}

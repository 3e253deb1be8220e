using Crm.AuditLog.PostgreSql;
using Crm.AuditLog.Sqlite;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Crm.AuditLog.Hosting;

public static class AuditLogServiceCollectionExtensions
{
    public const string DefaultSqliteFile = "audit.db";

    /// <summary>
    /// Registers <see cref="IAuditLog"/> and <see cref="IAuditLogErasure"/> in the store the services already share,
    /// named by the settings <paramref name="providerKey"/> (<c>Sqlite</c>, the default, or <c>PostgreSql</c>) and
    /// <paramref name="connectionStringKey"/>. On PostgreSQL the log is a table of that database. On SQLite it is a
    /// file of its own, <c>audit.db</c>, in the folder of the configured file, so its commits never wait on that
    /// file's writer. A wrong setting throws here, at start, naming the setting to fix.
    /// </summary>
    public static IServiceCollection AddAuditLog(this IServiceCollection services, IConfiguration configuration, string providerKey, string connectionStringKey)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var provider = configuration[providerKey];
        var connectionString = configuration[connectionStringKey];
        Func<SqlAuditLog> create;
        switch (string.IsNullOrWhiteSpace(provider) ? "Sqlite" : provider.Trim())
        {
            case var p when p.Equals("Sqlite", StringComparison.OrdinalIgnoreCase):
                var sqlite = SqliteBeside(connectionString, connectionStringKey);
                create = () => new SqliteAuditLog(sqlite);
                break;
            case var p when p.Equals("PostgreSql", StringComparison.OrdinalIgnoreCase):
                if (string.IsNullOrWhiteSpace(connectionString))
                    throw new InvalidOperationException($"{providerKey} is PostgreSql but {connectionStringKey} is not set: set it to an Npgsql connection string such as \"Host=127.0.0.1;Port=5432;Username=crm;Password=...;Database=crm\".");
                Validate(connectionStringKey, () => new PostgreSqlAuditLog(connectionString).DisposeAsync().AsTask().GetAwaiter().GetResult());
                create = () => new PostgreSqlAuditLog(connectionString);
                break;
            default:
                throw new InvalidOperationException($"{providerKey} is \"{provider}\", which is no store the audit log supports: set it to Sqlite or PostgreSql.");
        }
        services.AddSingleton(_ => create());
        services.AddSingleton<IAuditLog>(s => s.GetRequiredService<SqlAuditLog>());
        services.AddSingleton<IAuditLogErasure>(s => s.GetRequiredService<SqlAuditLog>());
        return services;
    }

    private static string SqliteBeside(string? connectionString, string connectionStringKey)
    {
        var folder = AppContext.BaseDirectory;
        if (!string.IsNullOrWhiteSpace(connectionString))
        {
            string? file = null;
            Validate(connectionStringKey, () => file = new SqliteConnectionStringBuilder(connectionString).DataSource);
            if (string.IsNullOrWhiteSpace(file))
                throw new InvalidOperationException($"{connectionStringKey} names no SQLite file: set it to one such as \"Data Source=/var/lib/crm/customers.db\"; the audit log is kept beside it.");
            folder = Path.GetDirectoryName(Path.GetFullPath(file)) ?? folder;
        }
        return $"Data Source={Path.Combine(folder, DefaultSqliteFile)}";
    }

    private static void Validate(string connectionStringKey, Action open)
    {
        try
        {
            open();
        }
        catch (Exception e) when (e is ArgumentException or FormatException or KeyNotFoundException)
        {
            throw new InvalidOperationException($"{connectionStringKey} is wrong: {e.Message}", e);
        }
    }
}

using Crm.CustomerReadModel.PostgreSql;
using Crm.CustomerReadModel.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Crm.CustomerReadModel.Hosting;

public static class ReadModelServiceCollectionExtensions
{
    public const string ProviderKey = "Crm:ReadModel:Provider";
    public const string ConnectionStringKey = "Crm:ReadModel:ConnectionString";
    public const string DefaultSqliteFile = "customers.db";

    /// <summary>
    /// Registers <see cref="ICustomerReadModel"/> from configuration: <c>Crm:ReadModel:Provider</c> is <c>Sqlite</c>
    /// (the default) or <c>PostgreSql</c>, and <c>Crm:ReadModel:ConnectionString</c> is the store's connection string
    /// (for SQLite it defaults to <c>customers.db</c> beside the app). A missing or wrong setting throws here, at start,
    /// naming the setting to fix; the tables are created at first use.
    /// </summary>
    public static IServiceCollection AddCustomerReadModel(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var provider = configuration[ProviderKey];
        var connectionString = configuration[ConnectionStringKey];
        Func<SqlCustomerReadModel> create;
        switch (string.IsNullOrWhiteSpace(provider) ? "Sqlite" : provider.Trim())
        {
            case var p when p.Equals("Sqlite", StringComparison.OrdinalIgnoreCase):
                var sqlite = string.IsNullOrWhiteSpace(connectionString)
                    ? $"Data Source={Path.Combine(AppContext.BaseDirectory, DefaultSqliteFile)}"
                    : connectionString;
                Validate(() => _ = new SqliteCustomerReadModel(sqlite));
                create = () => new SqliteCustomerReadModel(sqlite);
                break;
            case var p when p.Equals("PostgreSql", StringComparison.OrdinalIgnoreCase):
                if (string.IsNullOrWhiteSpace(connectionString))
                    throw new InvalidOperationException(
                        $"{ProviderKey} is PostgreSql but {ConnectionStringKey} is not set: set it (environment variable " +
                        "Crm__ReadModel__ConnectionString) to an Npgsql connection string such as \"Host=127.0.0.1;Port=5432;Username=crm;Password=...;Database=crm\".");
                Validate(() => new PostgreSqlCustomerReadModel(connectionString).DisposeAsync().AsTask().GetAwaiter().GetResult());
                create = () => new PostgreSqlCustomerReadModel(connectionString);
                break;
            default:
                throw new InvalidOperationException(
                    $"{ProviderKey} is \"{provider}\", which is no read model provider: set it (environment variable Crm__ReadModel__Provider) to Sqlite or PostgreSql.");
        }
        services.AddSingleton(_ => create());
        services.AddSingleton<ICustomerReadModel>(s => s.GetRequiredService<SqlCustomerReadModel>());
        return services;
    }

    private static void Validate(Action open)
    {
        try
        {
            open();
        }
        catch (ArgumentException e)
        {
            throw new InvalidOperationException($"{ConnectionStringKey} is wrong: {e.Message}", e);
        }
    }
}

using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.PostgreSql;

namespace Orleans.Hosting;

public static class PostgreSqlSchemaHostingExtensions
{
    /// <summary>
    /// Creates, at host start, Orleans' tables in the PostgreSQL databases the Orleans configuration section names for
    /// its ADO.NET providers (see <see cref="PostgreSqlSchemaInstaller"/>). It is put first among the hosted services,
    /// so it runs before the silo starts, wherever it is called.
    /// </summary>
    public static IServiceCollection AddOrleansPostgreSqlSchema(this IServiceCollection services)
    {
        if (!services.Any(service => service.ImplementationType == typeof(PostgreSqlSchemaInstaller)))
            services.Insert(0, ServiceDescriptor.Singleton<IHostedService, PostgreSqlSchemaInstaller>());
        return services;
    }
}

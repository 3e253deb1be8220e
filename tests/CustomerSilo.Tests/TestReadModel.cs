using Crm.AuditLog.Hosting;
using Crm.CustomerReadModel.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerSilo.Tests;

/// <summary>
/// The read model the silos of a test cluster write: a real SQLite file of its own in a temporary folder, with the
/// audit log beside it (audit.db), as the silos have them.
/// </summary>
public static class TestReadModel
{
    public static IServiceCollection AddTestReadModel(this IServiceCollection services, string file)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { [ReadModelServiceCollectionExtensions.ConnectionStringKey] = $"Data Source={file}" })
            .Build();
        return services.AddCustomerReadModel(configuration)
            .AddAuditLog(configuration, ReadModelServiceCollectionExtensions.ProviderKey, ReadModelServiceCollectionExtensions.ConnectionStringKey);
    }

    /// <summary>A new file path under the system's temporary folder.</summary>
    public static string NewFile() => Path.Combine(Directory.CreateTempSubdirectory("crm-readmodel-").FullName, "customers.db");
}

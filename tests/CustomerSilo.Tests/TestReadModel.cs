using Crm.CustomerReadModel.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerSilo.Tests;

/// <summary>The read model the silos of a test cluster write: a real SQLite file of its own in a temporary folder.</summary>
public static class TestReadModel
{
    public static IServiceCollection AddTestReadModel(this IServiceCollection services, string file) =>
        services.AddCustomerReadModel(new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { [ReadModelServiceCollectionExtensions.ConnectionStringKey] = $"Data Source={file}" })
            .Build());

    /// <summary>A new file path under the system's temporary folder.</summary>
    public static string NewFile() => Path.Combine(Directory.CreateTempSubdirectory("crm-readmodel-").FullName, "customers.db");
}

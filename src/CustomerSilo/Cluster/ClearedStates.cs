using Orleans.Configuration;

namespace Crm.CustomerSilo.Cluster;

/// <summary>
/// Whether clearing a grain's state deletes its row. Erasing a customer or a tenant clears its grains' state, and a
/// row left behind keeps its key, the tenant and customer ids. Our SQLite provider and Azure blob storage read the
/// choice (DeleteStateOnClear) from their configuration section; Orleans 10.4.2's ADO.NET grain storage reads only
/// its connection from there, so the section's DeleteStateOnClear is carried over to its options here.
/// </summary>
public static class ClearedStates
{
    public static IServiceCollection AddDeleteStateOnClearForAdoNet(this IServiceCollection services, IConfiguration configuration)
    {
        foreach (var storage in configuration.GetSection("Orleans:GrainStorage").GetChildren())
        {
            if (!string.Equals(storage["ProviderType"], "AdoNet", StringComparison.OrdinalIgnoreCase) || storage["DeleteStateOnClear"] is not { } setting)
                continue;
            if (!bool.TryParse(setting, out var delete))
                throw new InvalidOperationException($"{storage.Path}:DeleteStateOnClear is '{setting}': set it to true or false.");
            services.Configure<AdoNetGrainStorageOptions>(storage.Key, options => options.DeleteStateOnClear = delete);
        }
        return services;
    }
}

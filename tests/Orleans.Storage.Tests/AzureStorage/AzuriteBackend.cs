using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;
using Orleans.Storage.Tests.Fixtures;
using Orleans.Storage.Tests.Harness;

namespace Orleans.Storage.Tests.AzureStorage;

/// <summary>
/// Orleans' own Azure Storage providers (tables for membership and reminders, blobs for grain state) on the one
/// Azurite of the test run, configured as the services configure them; each test class gets tables and a container
/// of its own.
/// </summary>
public sealed class AzuriteBackend : IStorageBackend
{
    private readonly string _suffix = Guid.NewGuid().ToString("N")[..12];

    public IReadOnlyDictionary<string, string?> Settings(params string[] grainStorageNames)
    {
        var connectionString = AzuriteServer.Shared.ConnectionString;
        var settings = new Dictionary<string, string?>
        {
            ["Orleans:Clustering:ProviderType"] = "AzureTableStorage",
            ["Orleans:Clustering:ConnectionString"] = connectionString,
            ["Orleans:Clustering:TableName"] = "membership" + _suffix,
            ["Orleans:Reminders:ProviderType"] = "AzureTableStorage",
            ["Orleans:Reminders:ConnectionString"] = connectionString,
            ["Orleans:Reminders:TableName"] = "reminders" + _suffix,
        };
        foreach (var name in grainStorageNames)
        {
            settings[$"Orleans:GrainStorage:{name}:ProviderType"] = "AzureBlobStorage";
            settings[$"Orleans:GrainStorage:{name}:ConnectionString"] = connectionString;
            settings[$"Orleans:GrainStorage:{name}:ContainerName"] = $"{name.ToLowerInvariant()}-{_suffix}";
        }
        return settings;
    }

    // Orleans' blob storage builder reads no DeleteStateOnClear from its section (and defaults it to true; the
    // contract's "Default" provider keeps that default).
    public void DeleteStateOnClear(HostApplicationBuilder builder, string name) =>
        builder.Services.Configure<AzureBlobStorageOptions>(name, options => options.DeleteStateOnClear = true);
}

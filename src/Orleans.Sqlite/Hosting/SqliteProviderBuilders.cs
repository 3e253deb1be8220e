using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Hosting;
using Orleans.Providers;
using Orleans.Sqlite.GrainStorage;
using Orleans.Sqlite.Hosting;
using Orleans.Sqlite.Membership;
using Orleans.Sqlite.Reminders;
using Orleans.Storage;

// ProviderType=Sqlite in Orleans:Clustering, Orleans:GrainStorage:NAME and Orleans:Reminders.
[assembly: RegisterProvider("Sqlite", "Clustering", "Silo", typeof(SqliteClusteringProviderBuilder))]
[assembly: RegisterProvider("Sqlite", "Clustering", "Client", typeof(SqliteClusteringProviderBuilder))]
[assembly: RegisterProvider("Sqlite", "GrainStorage", "Silo", typeof(SqliteGrainStorageProviderBuilder))]
[assembly: RegisterProvider("Sqlite", "Reminders", "Silo", typeof(SqliteRemindersProviderBuilder))]

namespace Orleans.Sqlite.Hosting;

internal sealed class SqliteClusteringProviderBuilder : IProviderBuilder<ISiloBuilder>, IProviderBuilder<IClientBuilder>
{
    public void Configure(ISiloBuilder builder, string? name, IConfigurationSection configurationSection) =>
        builder.UseSqliteClustering(optionsBuilder => optionsBuilder.Configure<IServiceProvider>((options, services) =>
            options.ConnectionString = ProviderConfiguration.ConnectionString(configurationSection, services) ?? options.ConnectionString));

    public void Configure(IClientBuilder builder, string? name, IConfigurationSection configurationSection) =>
        builder.UseSqliteClustering(optionsBuilder => optionsBuilder.Configure<IServiceProvider>((options, services) =>
            options.ConnectionString = ProviderConfiguration.ConnectionString(configurationSection, services) ?? options.ConnectionString));
}

internal sealed class SqliteGrainStorageProviderBuilder : IProviderBuilder<ISiloBuilder>
{
    public void Configure(ISiloBuilder builder, string? name, IConfigurationSection configurationSection) =>
        builder.AddSqliteGrainStorage(name!, optionsBuilder => optionsBuilder.Configure<IServiceProvider>((options, services) =>
        {
            options.ConnectionString = ProviderConfiguration.ConnectionString(configurationSection, services) ?? options.ConnectionString;
            if (bool.TryParse(configurationSection[nameof(options.DeleteStateOnClear)], out var deleteStateOnClear))
                options.DeleteStateOnClear = deleteStateOnClear;
            if (configurationSection["SerializerKey"] is { Length: > 0 } serializerKey)
                options.GrainStorageSerializer = services.GetRequiredKeyedService<IGrainStorageSerializer>(serializerKey);
        }));
}

internal sealed class SqliteRemindersProviderBuilder : IProviderBuilder<ISiloBuilder>
{
    public void Configure(ISiloBuilder builder, string? name, IConfigurationSection configurationSection) =>
        builder.UseSqliteReminderService(optionsBuilder => optionsBuilder.Configure<IServiceProvider>((options, services) =>
            options.ConnectionString = ProviderConfiguration.ConnectionString(configurationSection, services) ?? options.ConnectionString));
}

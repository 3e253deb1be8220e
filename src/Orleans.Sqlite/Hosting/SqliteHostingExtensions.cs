using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Messaging;
using Orleans.Providers;
using Orleans.Runtime.Hosting;
using Orleans.Sqlite.GrainStorage;
using Orleans.Sqlite.Hosting;
using Orleans.Sqlite.Membership;
using Orleans.Sqlite.Reminders;
using Orleans.Storage;

// Beside Orleans' own Use*Clustering/Add*GrainStorage extensions, so `using Orleans.Hosting;` finds these too.
namespace Orleans.Hosting;

/// <summary>Code-first setup of the SQLite providers; configuration-driven setup uses ProviderType "Sqlite".</summary>
public static class SqliteHostingExtensions
{
    /// <summary>Silos of this cluster keep their membership table in a SQLite file.</summary>
    public static ISiloBuilder UseSqliteClustering(this ISiloBuilder builder, Action<SqliteClusteringOptions> configureOptions) =>
        builder.UseSqliteClustering(optionsBuilder => optionsBuilder.Configure(configureOptions));

    /// <inheritdoc cref="UseSqliteClustering(ISiloBuilder, Action{SqliteClusteringOptions})"/>
    public static ISiloBuilder UseSqliteClustering(this ISiloBuilder builder, Action<OptionsBuilder<SqliteClusteringOptions>> configureOptions) =>
        builder.ConfigureServices(services =>
        {
            configureOptions(services.AddOptions<SqliteClusteringOptions>());
            services.AddSingleton<IMembershipTable, SqliteMembershipTable>();
            services.AddSingleton<IConfigurationValidator>(provider => new ConnectionStringValidator(
                provider.GetRequiredService<IOptions<SqliteClusteringOptions>>().Value.ConnectionString, "Orleans:Clustering"));
        });

    /// <summary>This client finds the cluster's gateways in the membership table its silos keep in a SQLite file.</summary>
    public static IClientBuilder UseSqliteClustering(this IClientBuilder builder, Action<SqliteClusteringOptions> configureOptions) =>
        builder.UseSqliteClustering(optionsBuilder => optionsBuilder.Configure(configureOptions));

    /// <inheritdoc cref="UseSqliteClustering(IClientBuilder, Action{SqliteClusteringOptions})"/>
    public static IClientBuilder UseSqliteClustering(this IClientBuilder builder, Action<OptionsBuilder<SqliteClusteringOptions>> configureOptions) =>
        builder.ConfigureServices(services =>
        {
            configureOptions(services.AddOptions<SqliteClusteringOptions>());
            services.AddSingleton<IGatewayListProvider, SqliteGatewayListProvider>();
            services.AddSingleton<IConfigurationValidator>(provider => new ConnectionStringValidator(
                provider.GetRequiredService<IOptions<SqliteClusteringOptions>>().Value.ConnectionString, "Orleans:Clustering"));
        });

    /// <summary>Adds a SQLite grain storage provider named <paramref name="name"/>.</summary>
    public static ISiloBuilder AddSqliteGrainStorage(this ISiloBuilder builder, string name, Action<SqliteGrainStorageOptions> configureOptions) =>
        builder.AddSqliteGrainStorage(name, optionsBuilder => optionsBuilder.Configure(configureOptions));

    /// <inheritdoc cref="AddSqliteGrainStorage(ISiloBuilder, string, Action{SqliteGrainStorageOptions})"/>
    public static ISiloBuilder AddSqliteGrainStorage(this ISiloBuilder builder, string name, Action<OptionsBuilder<SqliteGrainStorageOptions>> configureOptions) =>
        builder.ConfigureServices(services =>
        {
            configureOptions(services.AddOptions<SqliteGrainStorageOptions>(name));
            services.AddTransient<IPostConfigureOptions<SqliteGrainStorageOptions>, DefaultStorageProviderSerializerOptionsConfigurator<SqliteGrainStorageOptions>>();
            services.AddSingleton<IConfigurationValidator>(provider => new ConnectionStringValidator(
                provider.GetRequiredService<IOptionsMonitor<SqliteGrainStorageOptions>>().Get(name).ConnectionString, $"Orleans:GrainStorage:{name}"));
            services.AddGrainStorage(name, (provider, providerName) => ActivatorUtilities.CreateInstance<SqliteGrainStorage>(
                provider, providerName, provider.GetRequiredService<IOptionsMonitor<SqliteGrainStorageOptions>>().Get(providerName)));
        });

    /// <summary>Adds the default grain storage provider, in SQLite.</summary>
    public static ISiloBuilder AddSqliteGrainStorageAsDefault(this ISiloBuilder builder, Action<SqliteGrainStorageOptions> configureOptions) =>
        builder.AddSqliteGrainStorage(ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME, configureOptions);

    /// <inheritdoc cref="AddSqliteGrainStorageAsDefault(ISiloBuilder, Action{SqliteGrainStorageOptions})"/>
    public static ISiloBuilder AddSqliteGrainStorageAsDefault(this ISiloBuilder builder, Action<OptionsBuilder<SqliteGrainStorageOptions>> configureOptions) =>
        builder.AddSqliteGrainStorage(ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME, configureOptions);

    /// <summary>Reminders of this silo's service are kept in a SQLite file.</summary>
    public static ISiloBuilder UseSqliteReminderService(this ISiloBuilder builder, Action<SqliteReminderTableOptions> configureOptions) =>
        builder.UseSqliteReminderService(optionsBuilder => optionsBuilder.Configure(configureOptions));

    /// <inheritdoc cref="UseSqliteReminderService(ISiloBuilder, Action{SqliteReminderTableOptions})"/>
    public static ISiloBuilder UseSqliteReminderService(this ISiloBuilder builder, Action<OptionsBuilder<SqliteReminderTableOptions>> configureOptions) =>
        builder.ConfigureServices(services =>
        {
            services.AddReminders();
            configureOptions(services.AddOptions<SqliteReminderTableOptions>());
            services.AddSingleton<IReminderTable, SqliteReminderTable>();
            services.AddSingleton<IConfigurationValidator>(provider => new ConnectionStringValidator(
                provider.GetRequiredService<IOptions<SqliteReminderTableOptions>>().Value.ConnectionString, "Orleans:Reminders"));
        });
}

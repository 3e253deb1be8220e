using Microsoft.Extensions.DependencyInjection;
using Crm.AppHost;
using Crm.AppHost.Cli;
using Crm.AppHost.Dashboard;
using Crm.AppHost.DataFolders;
using Crm.AppHost.Networking;
using Crm.AppHost.Reporting;
using Crm.AppHost.Secrets;
using Crm.AppHost.Services;
using Crm.AppHost.Storage;

// Exit codes: 0 after a clean stop (Ctrl-C, SIGTERM), 1 when the system could not start, 2 for bad options.
AppHostOptions options;
try
{
    if (OptionParser.Parse(args, Environment.CurrentDirectory) is not { } parsed)
    {
        Console.WriteLine(OptionParser.Usage);
        return 0;
    }
    options = parsed;
}
catch (OptionsException e)
{
    Console.Error.WriteLine($"error: {e.Message}\n\n{OptionParser.Usage}");
    return 2;
}

try
{
    // Held until the AppHost ends, so a second AppHost can never run a second set of services on this data folder.
    using var dataFolder = DataFolderLock.Take(options.DataDirectory, Environment.ProcessId);
    LoopbackPorts.EnsureAvailable(options.GatewayPort, "gateway");

    var builder = DistributedApplication.CreateBuilder(args);
    LocalDashboard.ApplyDefaults(builder);
    var data = options.DataDirectory;
    var store = StorageModes.For(builder, options);
    var gatewaySecret = GatewaySecretStore.AddParameter(builder, data);

    var cluster = builder.AddOrleans("cluster")
        .WithClusterId("crm")
        .WithServiceId("crm")
        .WithClustering(store.Clustering)
        .WithGrainStorage("Default", store.GrainStorage)
        .WithReminders(store.Reminders);

    // The customer silos, and two spares an operator starts (and stops) from the dashboard to scale the cluster live.
    const int spareSilos = 2;
    var silos = Enumerable.Range(1, options.SiloCount + spareSilos)
        .Select(i => builder.AddProject<Projects.CustomerSilo>($"customer-silo-{i}")
            .AsCrmService(store, gatewaySecret, data)
            .WithReference(cluster))
        .ToArray();
    foreach (var spare in silos[options.SiloCount..])
        spare.WithExplicitStart();
    var startedSilos = silos[..options.SiloCount];

    var graphql = builder.AddProject<Projects.GraphQL>("graphql")
        .AsCrmService(store, gatewaySecret, data)
        .WithReference(cluster.AsClient())
        .WaitForAll(startedSilos);

    var campaigns = builder.AddProject<Projects.CampaignService>("campaigns")
        .AsCrmService(store, gatewaySecret, data)
        .WithReference(cluster.AsClient())
        .WaitForAll(startedSilos);

    var gateway = builder.AddProject<Projects.Gateway>("gateway")
        .AsCrmService(store, gatewaySecret, data, port: options.GatewayPort)
        .WithReference(cluster.AsClient())
        .WithReference(graphql)
        .WithReference(campaigns)
        .WaitFor(graphql)
        .WaitFor(campaigns);

    IResourceBuilder<IResource>[] system = [.. startedSilos, graphql, campaigns, gateway, .. store.Server is { } server ? [server] : Array.Empty<IResourceBuilder<IResource>>()];
    builder.Services.AddHostedService(services => ActivatorUtilities.CreateInstance<ReadyAnnouncer>(
        services, system.Select(r => r.Resource.Name).ToArray(), options.GatewayPort));

    builder.Build().Run();
    return Environment.ExitCode;
}
catch (AppHostException e)
{
    Console.Error.WriteLine($"error: {e.Message}");
    return 1;
}

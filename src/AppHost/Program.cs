using Crm.AppHost;
using Crm.AppHost.Cli;
using Crm.AppHost.Dashboard;
using Crm.AppHost.DataFolders;
using Crm.AppHost.Networking;
using Crm.AppHost.Reporting;
using Crm.AppHost.Secrets;
using Crm.AppHost.Services;
using Crm.AppHost.Storage;
using Microsoft.Extensions.DependencyInjection;

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
    var cluster = CrmCluster.Add(builder, options);
    var secret = GatewaySecretStore.AddParameter(builder, data);

    // The customer silos, and two spares an operator starts (and stops) from the dashboard to scale the cluster live.
    const int spareSilos = 2;
    var silos = Enumerable.Range(1, options.SiloCount + spareSilos)
        .Select(i => cluster.Silo(builder.AddProject<Projects.CustomerSilo>($"customer-silo-{i}").AsCrmService(secret, data)))
        .ToArray();
    var started = silos[..options.SiloCount];
    foreach (var spare in silos[options.SiloCount..])
        spare.WithExplicitStart();

    // GraphQL answers lists, filters and search from the customer read model the silos write.
    var graphql = cluster.WithReadModel(cluster.Client(builder.AddProject<Projects.GraphQL>("graphql").AsCrmService(secret, data)))
        .WaitForAll(started);

    var campaigns = cluster.Client(builder.AddProject<Projects.CampaignService>("campaigns").AsCrmService(secret, data))
        .WaitForAll(started);

    // The gateway records sign-ins and refused keys in the audit log, which lives in the read model's store.
    var gateway = cluster.WithReadModel(cluster.Client(builder.AddProject<Projects.Gateway>("gateway").AsCrmService(secret, data, port: options.GatewayPort)))
        .WithReference(graphql)
        .WithReference(campaigns)
        .WaitFor(graphql)
        .WaitFor(campaigns);

    // "Gateway: http://127.0.0.1:PORT" once the whole set is healthy.
    IEnumerable<IResourceBuilder<IResource>> system = [.. started, graphql, campaigns, gateway];
    if (cluster.Server is { } server)
        system = system.Append(server);
    var required = system.Select(r => r.Resource.Name).ToArray();
    builder.Services.AddHostedService(services => ActivatorUtilities.CreateInstance<ReadyAnnouncer>(services, required, options.GatewayPort));

    builder.Build().Run();
    return Environment.ExitCode;
}
catch (AppHostException e)
{
    Console.Error.WriteLine($"error: {e.Message}");
    return 1;
}

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
using Microsoft.Extensions.Hosting;

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
    var operatorToken = OperatorTokenStore.AddParameter(builder, data);

    // The home cell's customer silos, and two spares an operator starts (and stops) from the dashboard to scale the cluster live.
    const int spareSilos = 2;
    var silos = Enumerable.Range(1, options.SiloCount + spareSilos)
        .Select(i => cluster.Silo(builder.AddProject<Projects.CustomerSilo>($"customer-silo-{i}").AsCrmService(secret, data)
            // In development, webhooks may point at receivers on this machine; elsewhere loopback and private targets
            // stay refused (SSRF).
            .WithEnvironment("Crm__Webhooks__AllowPrivateTargets", builder.Environment.IsDevelopment() ? "true" : "false")))
        .ToArray();
    var started = silos[..options.SiloCount];
    foreach (var spare in silos[options.SiloCount..])
        spare.WithExplicitStart();

    // GraphQL answers lists, filters and search from the customer read model the silos write.
    var graphql = cluster.WithReadModel(cluster.Client(builder.AddProject<Projects.GraphQL>("graphql").AsCrmService(secret, data)
            .AsTenantApi(options.GatewayPort, builder.Configuration)))
        .WaitForAll(started);

    var campaigns = cluster.Client(builder.AddProject<Projects.CampaignService>("campaigns").AsCrmService(secret, data))
        .WaitForAll(started);

    // The one public process holds no store: it records sign-ins and refused keys through the tenant's cell.
    var gateway = cluster.Client(builder.AddProject<Projects.Gateway>("gateway").AsCrmService(secret, data, port: options.GatewayPort))
        .WithEnvironment("Crm__OperatorToken", operatorToken)
        .WithReference(graphql)
        .WithReference(campaigns)
        .WaitFor(graphql)
        .WaitFor(campaigns);

    // Further cells: a cluster of their own each, with its silos and GraphQL service; the gateway routes to them all.
    var cellResources = new List<IResourceBuilder<IResource>>();
    foreach (var number in Enumerable.Range(2, options.CellCount - 1))
    {
        var cell = CrmCluster.AddCell(builder, options, number);
        var cellSilos = Enumerable.Range(1, options.SiloCount)
            .Select(i => cell.Silo(builder.AddProject<Projects.CustomerSilo>(cell.Name($"customer-silo-{i}")).AsCrmService(secret, data)))
            .ToArray();
        var cellGraphQL = cell.WithReadModel(cell.Client(builder.AddProject<Projects.GraphQL>(cell.Name("graphql")).AsCrmService(secret, data)
            .AsTenantApi(options.GatewayPort, builder.Configuration)))
            .WaitForAll(cellSilos);
        cell.AsCellOf(gateway, cellGraphQL);
        cellResources.AddRange([.. cellSilos, cellGraphQL]);
    }

    // "Gateway: http://127.0.0.1:PORT" once the whole set is healthy.
    IEnumerable<IResourceBuilder<IResource>> system = [.. started, graphql, campaigns, .. cellResources, gateway];
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

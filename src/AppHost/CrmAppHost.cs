using Crm.AppHost.Cli;
using Crm.AppHost.DataFolders;
using Crm.AppHost.Networking;
using Crm.AppHost.Reporting;
using Crm.AppHost.Resources;
using Crm.AppHost.Secrets;
using Crm.AppHost.Supervision;

namespace Crm.AppHost;

/// <summary>
/// The AppHost's whole run: options, data folder, resources, start, supervise until asked to stop, stop.
/// Exit codes: 0 after a clean stop, 1 when the system could not start, 2 for bad options.
/// </summary>
public static class CrmAppHost
{
    public const string GatewayLinePrefix = "Gateway: ";
    public const string DataLinePrefix = "Data: ";

    public static async Task<int> RunAsync(IReadOnlyList<string> args, AppHostContext context, CancellationToken stopping)
    {
        AppHostOptions? options;
        try
        {
            options = OptionParser.Parse(args, context.CurrentDirectory);
        }
        catch (OptionsException e)
        {
            context.Error.WriteLine($"error: {e.Message}");
            context.Error.WriteLine();
            context.Error.WriteLine(OptionParser.Usage);
            return 2;
        }

        if (options is null)
        {
            context.Output.WriteLine(OptionParser.Usage);
            return 0;
        }

        var console = new ConsoleReporter(context.Output, context.Error);
        DataFolderLock dataFolder;
        try
        {
            dataFolder = DataFolderLock.Take(options.DataDirectory, context.ProcessId);
        }
        catch (AppHostException e)
        {
            console.Problem($"error: {e.Message}");
            return 1;
        }

        // Held until every service has stopped, so a second AppHost can never overlap this one's services.
        using (dataFolder)
            return await RunOnDataFolderAsync(options, context, console, stopping).ConfigureAwait(false);
    }

    private static async Task<int> RunOnDataFolderAsync(AppHostOptions options, AppHostContext context, ConsoleReporter console, CancellationToken stopping)
    {
        ResourceGraph graph;
        try
        {
            graph = Prepare(options, context);
        }
        catch (Exception e) when (e is AppHostException or IOException or UnauthorizedAccessException)
        {
            console.Problem($"error: {e.Message}");
            return 1;
        }

        console.Info($"{DataLinePrefix}{options.DataDirectory}");
        await using var supervisor = new Supervisor(graph, context.Settings(Path.Combine(options.DataDirectory, "logs")), console);
        var started = false;
        try
        {
            started = await supervisor.StartAsync(stopping).ConfigureAwait(false);
            if (started)
            {
                console.Info($"{GatewayLinePrefix}{HttpEndpoint.Loopback(options.GatewayPort)}");
                console.Info("All services are ready. Press Ctrl-C to stop.");
                await supervisor.SuperviseAsync(stopping).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // asked to stop while starting: a clean stop, not a failure
        }
        catch (AppHostException e)
        {
            console.Problem($"error: {e.Message}");
        }

        console.Info("stopping ...");
        await supervisor.StopAsync().ConfigureAwait(false);
        console.Info("stopped.");
        return started || stopping.IsCancellationRequested ? 0 : 1;
    }

    private static ResourceGraph Prepare(AppHostOptions options, AppHostContext context)
    {
        PortAllocator.EnsureAvailable(options.GatewayPort, "gateway");
        var settings = new CrmAppModelSettings(
            options,
            GatewaySecretStore.LoadOrCreate(options.DataDirectory),
            context.DotnetPath,
            context.ProcessId,
            context.AmbientEnvironment);
        var ports = PortAllocator.AllocateFree(CrmAppModel.FreePortsNeeded(options.SiloCount));
        return new ResourceGraph(CrmAppModel.Build(settings, context.Manifest, ports));
    }
}

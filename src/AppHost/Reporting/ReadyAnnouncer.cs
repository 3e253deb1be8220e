using Crm.AppHost.Services;
using Microsoft.Extensions.Hosting;

namespace Crm.AppHost.Reporting;

/// <summary>
/// Prints <c>Gateway: http://127.0.0.1:PORT</c> and the dashboard's login address once every resource the system
/// needs is healthy: the line scripts and tests wait for. If one of them fails to start, says which and stops
/// the AppHost with exit code 1, as a half-started system is of no use.
/// </summary>
public sealed class ReadyAnnouncer(
    ResourceNotificationService notifications,
    IHostApplicationLifetime lifetime,
    IReadOnlyList<string> required,
    int gatewayPort) : BackgroundService
{
    public const string GatewayLinePrefix = "Gateway: ";
    public const string DashboardLinePrefix = "Dashboard: ";
    private const string DashboardResource = "aspire-dashboard";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await Task.WhenAll(required.Select(name =>
                notifications.WaitForResourceHealthyAsync(name, WaitBehavior.StopOnResourceUnavailable, stoppingToken)));
        }
        catch (DistributedApplicationException e)
        {
            await Console.Error.WriteLineAsync($"error: {e.Message} Its console log is in the dashboard; the AppHost stops.");
            Environment.ExitCode = 1;
            lifetime.StopApplication();
            return;
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            return;
        }

        await Console.Out.WriteLineAsync($"{GatewayLinePrefix}{CrmServices.GatewayUrl(gatewayPort)}");
        if (DashboardLogin() is { } login)
            await Console.Out.WriteLineAsync($"{DashboardLinePrefix}{login}");
        await Console.Out.WriteLineAsync("Every resource is healthy. Press Ctrl-C to stop.");
    }

    /// <summary>The dashboard's address with its browser token, as the dashboard resource publishes it.</summary>
    private string? DashboardLogin() =>
        notifications.TryGetCurrentState(DashboardResource, out var dashboard)
            ? dashboard.Snapshot.Urls.FirstOrDefault(u => u.Url.Contains("/login?t=", StringComparison.Ordinal))?.Url
            : null;
}

using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Crm.ServiceDefaults.Lifetime;

/// <summary>
/// Stops this service when the process that started it (named by CRM_PARENT_PID, set by the AppHost) is gone,
/// so that even a kill -9 of the AppHost leaves no orphaned service holding ports and files.
/// </summary>
public sealed partial class ParentProcessWatchdog(
    IConfiguration configuration, IHostApplicationLifetime lifetime, ILogger<ParentProcessWatchdog> logger) : BackgroundService
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!int.TryParse(configuration["CRM_PARENT_PID"], out var parentPid))
            return;
        // The start time tells the parent apart from a later process that reuses its pid.
        var parentStart = StartTimeOf(parentPid);
        if (parentStart is null)
        {
            ParentGone(logger, parentPid);
            lifetime.StopApplication();
            return;
        }

        using var timer = new PeriodicTimer(PollInterval);
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            if (StartTimeOf(parentPid) == parentStart)
                continue;
            ParentGone(logger, parentPid);
            lifetime.StopApplication();
            return;
        }
    }

    private static DateTime? StartTimeOf(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return process.HasExited ? null : process.StartTime;
        }
        catch (ArgumentException)
        {
            return null;
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Parent process {Pid} is gone; stopping so no orphan is left behind.")]
    private static partial void ParentGone(ILogger logger, int pid);
}

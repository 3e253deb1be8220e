using Crm.AppHost.Health;

namespace Crm.AppHost.Supervision;

/// <param name="LogDirectory">Where each resource's &lt;name&gt;.log is written.</param>
/// <param name="StopGrace">How long a child may take to stop after SIGTERM before its tree is killed.</param>
/// <param name="ExitSettleDelay">
/// On Ctrl-C the terminal signals the children too, so a child may exit just before our own handler runs; an exit
/// is only called a crash if no stop was requested within this delay.
/// </param>
/// <param name="CreateBackoff">A fresh restart policy per resource.</param>
public sealed record SupervisorSettings(
    string LogDirectory,
    ReadinessSettings Readiness,
    TimeSpan StopGrace,
    TimeSpan ExitSettleDelay,
    Func<RestartBackoff> CreateBackoff,
    int CrashReportLines = 20)
{
    public static SupervisorSettings CreateDefault(string logDirectory) => new(
        logDirectory,
        ReadinessSettings.Default,
        StopGrace: TimeSpan.FromSeconds(10),
        ExitSettleDelay: TimeSpan.FromMilliseconds(500),
        CreateBackoff: RestartBackoff.CreateDefault);
}

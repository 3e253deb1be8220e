using System.Collections;
using System.Runtime.InteropServices;
using Crm.AppHost;
using Crm.AppHost.Manifest;
using Crm.AppHost.Resources;
using Crm.AppHost.Supervision;

// Ctrl-C and SIGTERM both mean "stop every child cleanly, then exit 0". Cancelling the default action keeps the
// runtime alive long enough to do that; without it the AppHost would die first and orphan its children.
using var stopping = new CancellationTokenSource();
void RequestStop(PosixSignalContext signal)
{
    signal.Cancel = true;
    if (stopping.IsCancellationRequested)
        Console.Error.WriteLine("already stopping: a service that ignores SIGTERM is killed when its grace period ends.");
    stopping.Cancel();
}

using var onInterrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, RequestStop);
using var onTerminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, RequestStop);

var ambient = Environment.GetEnvironmentVariables()
    .Cast<DictionaryEntry>()
    .ToDictionary(e => (string)e.Key, e => (string?)e.Value ?? "", StringComparer.Ordinal);
var context = new AppHostContext(
    Console.Out,
    Console.Error,
    Environment.CurrentDirectory,
    ambient,
    ServiceManifest.FromBuild(),
    DotnetMuxer.Locate(),
    Environment.ProcessId,
    SupervisorSettings.CreateDefault);
return await CrmAppHost.RunAsync(args, context, stopping.Token);

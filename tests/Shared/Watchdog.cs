using System.Diagnostics;

namespace Crm.Tests.Shared;

/// <summary>
/// Cleans up after a helper server even when the test host is killed before its exit handlers run: a small shell
/// loop waits for this process to disappear, then runs the cleanup command.
/// </summary>
internal static class Watchdog
{
    public static void AfterThisProcessExits(string cleanupCommand)
    {
        var start = new ProcessStartInfo("sh") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add($"while kill -0 {Environment.ProcessId} 2>/dev/null; do sleep 1; done; {cleanupCommand}");
        Process.Start(start)?.Dispose();
    }
}

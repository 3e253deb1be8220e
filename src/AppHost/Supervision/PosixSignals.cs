using System.Runtime.InteropServices;

namespace Crm.AppHost.Supervision;

/// <summary>
/// Sends SIGTERM, which .NET cannot: Process.Kill sends SIGKILL, leaving a service no chance to shut down cleanly.
/// </summary>
internal static class PosixSignals
{
    private const int SigTerm = 15; // same number on Linux and macOS

    /// <summary>Asks the process to stop; returns false if it no longer exists.</summary>
    public static bool Terminate(int pid) => kill(pid, SigTerm) == 0;

    [DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int sig);
}

using System.ComponentModel;
using System.Diagnostics;
using Crm.AppHost.Logs;
using Crm.AppHost.Resources;

namespace Crm.AppHost.Supervision;

/// <summary>
/// One running process of a resource: its output pumped into the resource's log, its exit observed, and a stop that
/// asks politely (SIGTERM) before it kills the whole tree.
/// </summary>
public sealed class ChildProcess : IDisposable
{
    // After the exit itself, how long to wait for the last buffered output lines to be read.
    private static readonly TimeSpan OutputDrainLimit = TimeSpan.FromSeconds(3);

    private readonly Process _process;
    private readonly TaskCompletionSource<int> _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private ChildProcess(Process process, DateTimeOffset startedAt)
    {
        _process = process;
        StartedAt = startedAt;
    }

    public int Pid => _process.Id;

    public DateTimeOffset StartedAt { get; }

    /// <summary>Completes with the exit code once the process has exited and its output has been read.</summary>
    public Task<int> Exited => _exited.Task;

    public static ChildProcess Start(ProjectResource resource, ResourceLog log)
    {
        var info = new ProcessStartInfo(resource.Launch.FileName)
        {
            WorkingDirectory = resource.Launch.WorkingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true, // so a child that reads the console never competes with our terminal
            UseShellExecute = false,
        };
        foreach (var argument in resource.Launch.Arguments)
            info.ArgumentList.Add(argument);
        // The child inherits our environment (PATH, HOME, DOTNET_ROOT, OTEL_*) with the resource's values on top.
        foreach (var (key, value) in resource.Environment)
            info.Environment[key] = value;

        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) log.Write(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) log.Write(e.Data); };
        try
        {
            process.Start();
        }
        catch (Win32Exception e)
        {
            process.Dispose();
            throw new AppHostException($"could not start {resource.Name} ({resource.Launch.FileName} in {resource.Launch.WorkingDirectory}): {e.Message}.");
        }

        var child = new ChildProcess(process, DateTimeOffset.UtcNow);
        process.Exited += (_, _) => _ = child.CompleteAfterOutputDrainsAsync();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        process.StandardInput.Close();
        if (process.HasExited) // exited before the handler was attached
            _ = child.CompleteAfterOutputDrainsAsync();
        return child;
    }

    /// <summary>
    /// SIGTERM, then up to <paramref name="grace"/> for a clean exit, then SIGKILL for the whole tree. Descendants
    /// are noted first and killed if they outlive the child, so nothing it started is left behind.
    /// </summary>
    public async Task StopAsync(TimeSpan grace)
    {
        if (_exited.Task.IsCompleted)
            return;
        var descendants = ProcessTree.DescendantsOf(Pid);
        try
        {
            if (PosixSignals.Terminate(Pid))
                await _exited.Task.WaitAsync(grace).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            KillTree(_process);
        }

        await _exited.Task.ConfigureAwait(false);
        foreach (var descendant in descendants)
        {
            using (descendant)
                KillTree(descendant);
        }
    }

    public void Dispose() => _process.Dispose();

    private static void KillTree(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (Exception e) when (e is InvalidOperationException or Win32Exception)
        {
            // it exited on its own in the meantime: nothing left to kill
        }
    }

    private async Task CompleteAfterOutputDrainsAsync()
    {
        using var drain = new CancellationTokenSource(OutputDrainLimit);
        try
        {
            // Without a timeout, WaitForExitAsync also waits for the redirected streams to reach end of file.
            await _process.WaitForExitAsync(drain.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // a grandchild still holds the pipes open; report the exit without its last lines
        }

        _exited.TrySetResult(_process.ExitCode);
    }
}

using System.Diagnostics;

namespace Crm.Benchmarks.Processes;

/// <summary>
/// This benchmark's own executable started again in a hidden mode (its first argument), so that a suite's server
/// side runs in a process of its own, as the real services do. The child prints <see cref="Ready"/> once it serves,
/// and runs until the parent closes its stdin (or is gone).
/// </summary>
internal sealed class ChildMode(Process process) : IAsyncDisposable
{
    public const string Ready = "READY";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);

    public static async Task<ChildMode> StartAsync(string mode, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(typeof(ChildMode).Assembly.Location);
        start.ArgumentList.Add(mode);
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        var process = Process.Start(start) ?? throw new InvalidOperationException($"dotnet did not start the '{mode}' process.");
        var ready = process.StandardOutput.ReadLineAsync();
        if (await Task.WhenAny(ready, Task.Delay(StartTimeout)).ConfigureAwait(false) != ready
            || await ready.ConfigureAwait(false) != Ready)
        {
            process.Kill(entireProcessTree: true);
            process.Dispose();
            throw new InvalidOperationException($"The '{mode}' process did not report {Ready} within {StartTimeout.TotalSeconds} s; its log went to stderr above.");
        }
        return new ChildMode(process);
    }

    /// <summary>The child's side: runs <paramref name="host"/> until the parent closes stdin, then stops it.</summary>
    public static async Task<int> ServeAsync(Microsoft.Extensions.Hosting.IHost host)
    {
        await host.StartAsync().ConfigureAwait(false);
        Console.WriteLine(Ready);
        Console.Out.Flush();
        await Task.Run(() => Console.In.ReadToEnd()).ConfigureAwait(false);
        await host.StopAsync().ConfigureAwait(false);
        return 0;
    }

    public async ValueTask DisposeAsync()
    {
        process.StandardInput.Close();
        using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        try
        {
            await process.WaitForExitAsync(grace.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
        }
        process.Dispose();
    }
}

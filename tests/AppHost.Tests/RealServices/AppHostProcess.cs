using System.Diagnostics;
using AppHost.Tests.Fakes;
using Crm.AppHost.Resources;

namespace AppHost.Tests.RealServices;

/// <summary>The real Crm.AppHost executable run as a child of the test, its console captured line by line.</summary>
public sealed class AppHostProcess : IDisposable
{
    private readonly Process _process;

    private AppHostProcess(Process process) => _process = process;

    public CapturingWriter Output { get; } = new();

    public CapturingWriter Error { get; } = new();

    public int Pid => _process.Id;

    public static AppHostProcess Start(string workingDirectory, params string[] args)
    {
        // The test project references AppHost, so its dll (with the service manifest compiled in) sits beside ours.
        var info = new ProcessStartInfo(DotnetMuxer.Locate())
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Crm.AppHost.dll"));
        foreach (var arg in args)
            info.ArgumentList.Add(arg);
        var process = new Process { StartInfo = info };
        var host = new AppHostProcess(process);
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) host.Output.WriteLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) host.Error.WriteLine(e.Data); };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return host;
    }

    /// <summary>What the AppHost printed so far, for assertion messages.</summary>
    public string Transcript => $"stdout:\n{Output.Text}\nstderr:\n{Error.Text}";

    /// <summary>Waits for the "Gateway: ..." line; fails at once with the AppHost's errors if it exits first.</summary>
    public async Task WaitUntilReadyAsync(int gatewayPort, TimeSpan timeout)
    {
        var ready = Output.WaitForLineAsync($"Gateway: http://127.0.0.1:{gatewayPort}", timeout);
        if (await Task.WhenAny(ready, _process.WaitForExitAsync()) != ready)
            Assert.Fail($"the AppHost exited with code {_process.ExitCode} before it was ready.\n{Transcript}");
        await ready;
    }

    /// <summary>Every process the AppHost reported starting (restarts included), as (resource name, pid).</summary>
    public IReadOnlyList<(string Name, int Pid)> StartedChildren() =>
        Output.Lines.Where(l => l.StartsWith("started ", StringComparison.Ordinal))
            .Select(l => (l.Split(' ')[1], int.Parse(l.Split("(pid ")[1].Split(')')[0])))
            .ToArray();

    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        await _process.WaitForExitAsync().WaitAsync(timeout);
        return _process.ExitCode;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
            _process.Kill(entireProcessTree: true);
        _process.Dispose();
    }
}

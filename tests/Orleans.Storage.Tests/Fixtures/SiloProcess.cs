using Crm.Tests.Shared;
using System.Diagnostics;

namespace Orleans.Storage.Tests.Fixtures;

/// <summary>
/// A silo process (tests/Orleans.Storage.TestSilo) configured, like the services, only through Orleans__ environment
/// variables. Killing it is a crash: no shutdown code runs and its membership row stays Active until others vote.
/// </summary>
public sealed class SiloProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly List<string> _output = [];
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private SiloProcess(Process process) => _process = process;

    /// <summary>Starts the silo; <see cref="ReadyAsync"/> completes once it has joined its cluster.</summary>
    public static SiloProcess Start(IReadOnlyDictionary<string, string?> settings)
    {
        var program = Path.Combine(AppContext.BaseDirectory, "Orleans.Storage.TestSilo.dll");
        if (!File.Exists(program))
            throw new FileNotFoundException($"The test silo was not built beside the tests: {program}");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(program);
        foreach (var (key, value) in settings)
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        Watchdog.AfterThisProcessExits($"kill -9 {process.Id} 2>/dev/null");
        var silo = new SiloProcess(process);
        process.OutputDataReceived += (_, e) => silo.Collect(e.Data);
        process.ErrorDataReceived += (_, e) => silo.Collect(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return silo;
    }

    /// <summary>Waits until the silo's host started (it prints READY), or fails with its output if it exits or hangs.</summary>
    public async Task ReadyAsync()
    {
        // Generous: a cold .NET start on two cores shared with builds can be slow.
        var first = await Task.WhenAny(_ready.Task, _process.WaitForExitAsync(), Task.Delay(TimeSpan.FromSeconds(120)));
        if (first != _ready.Task)
            throw new InvalidOperationException($"The silo process did not start:\n{Output}");
    }

    public string Output
    {
        get
        {
            lock (_output)
                return string.Join('\n', _output);
        }
    }

    private void Collect(string? line)
    {
        if (line is null)
            return;
        lock (_output)
            _output.Add(line);
        if (line == "READY")
            _ready.TrySetResult();
    }

    /// <summary>SIGKILL, and wait until the process is gone.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
            await KillAsync();
        _process.Dispose();
    }
}

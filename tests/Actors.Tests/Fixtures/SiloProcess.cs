using System.Diagnostics;

namespace Actors.Tests.Fixtures;

/// <summary>A real silo process (tests/Actors.TestSilo), for tests that must kill -9 a silo.</summary>
public sealed class SiloProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly List<string> _output = [];

    private SiloProcess(Process process) => _process = process;

    public string Address { get; private set; } = "";

    public int ProcessId => _process.Id;

    public static async Task<SiloProcess> StartAsync(IReadOnlyDictionary<string, string> settings)
    {
        var silo = Path.Combine(AppContext.BaseDirectory, "Actors.TestSilo.dll");
        if (!File.Exists(silo))
            throw new FileNotFoundException($"The test silo host was not built next to the tests: {silo}");
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(silo);
        foreach (var (key, value) in settings)
            start.ArgumentList.Add($"--{key}={value}");
        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        var result = new SiloProcess(process);
        var ready = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        process.OutputDataReceived += (_, e) => result.Collect(e.Data, ready);
        process.ErrorDataReceived += (_, e) => result.Collect(e.Data, null);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var exited = process.WaitForExitAsync();
        // Generous: two cores shared with other builds can make a cold .NET start slow.
        var first = await Task.WhenAny(ready.Task, exited, Task.Delay(TimeSpan.FromSeconds(90)));
        if (first != ready.Task)
        {
            await result.DisposeAsync();
            throw new InvalidOperationException($"The silo process did not become ready:\n{string.Join('\n', result.Output)}");
        }
        result.Address = await ready.Task;
        return result;
    }

    public IReadOnlyList<string> Output
    {
        get
        {
            lock (_output)
                return _output.ToList();
        }
    }

    private void Collect(string? line, TaskCompletionSource<string>? ready)
    {
        if (line is null)
            return;
        lock (_output)
            _output.Add(line);
        if (ready is not null && line.StartsWith("READY ", StringComparison.Ordinal))
            ready.TrySetResult(line["READY ".Length..]);
    }

    /// <summary>SIGKILL: no shutdown code runs, nothing is flushed, the membership row stays Active.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            // Closing stdin asks the host to stop gracefully; kill it if it does not.
            _process.StandardInput.Close();
            using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            try
            {
                await _process.WaitForExitAsync(grace.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }
        }
        _process.Dispose();
    }
}

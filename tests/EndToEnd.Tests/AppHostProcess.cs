using Crm.AppHost.Networking;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.RegularExpressions;

namespace EndToEnd.Tests;

/// <summary>
/// The whole system as a user runs it: the AppHost as a real process, which starts every service as a real
/// process on loopback. Its console output is kept so a failing test can show what the system said.
/// </summary>
public sealed partial class AppHostProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(3);
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly TaskCompletionSource<Uri> _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private AppHostProcess(string dataDirectory, int port, IReadOnlyDictionary<string, string>? environment, IReadOnlyList<string> arguments)
    {
        DataDirectory = dataDirectory;
        Port = port;
        var appHost = typeof(AppHostProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "AppHostPath").Value!;
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { Path.GetFullPath(appHost), "--data", dataDirectory, "--port", port.ToString() },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
            start.Environment[key] = value;
        _process = new Process { StartInfo = start, EnableRaisingEvents = true };
        _process.OutputDataReceived += (_, e) => OnLine(e.Data);
        _process.ErrorDataReceived += (_, e) => OnLine(e.Data);
        _process.Exited += (_, _) => _ready.TrySetException(new InvalidOperationException($"The AppHost exited before it was ready.\n{Output}"));
    }

    public string DataDirectory { get; }
    public int Port { get; }
    public Uri Gateway => _ready.Task.Result;
    public string Output { get { lock (_output) return _output.ToString(); } }

    /// <param name="environment">Variables the AppHost gets on top of ours (its services inherit them).</param>
    /// <param name="arguments">More command-line options, such as <c>--silos 3</c>.</param>
    public static async Task<AppHostProcess> StartAsync(
        string dataDirectory, int port, IReadOnlyDictionary<string, string>? environment = null, params string[] arguments)
    {
        var host = new AppHostProcess(dataDirectory, port, environment, arguments);
        host._process.Start();
        host._process.BeginOutputReadLine();
        host._process.BeginErrorReadLine();
        try
        {
            await host._ready.Task.WaitAsync(StartTimeout);
        }
        catch (TimeoutException)
        {
            await host.DisposeAsync();
            throw new TimeoutException($"The AppHost did not print its gateway line within {StartTimeout}.\n{host.Output}");
        }
        return host;
    }

    private void OnLine(string? line)
    {
        if (line is null)
            return;
        lock (_output)
            _output.AppendLine(line);
        if (GatewayLine().Match(line) is { Success: true } match)
            _ready.TrySetResult(new Uri(match.Groups[1].Value));
    }

    /// <summary>Stops the AppHost as Ctrl-C or a service manager would: SIGTERM, then waits for it to exit.</summary>
    public async Task<int> StopAsync(TimeSpan timeout)
    {
        if (_process.HasExited)
            return _process.ExitCode;
        Terminate(_process);
        using var cancel = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cancel.Token);
        return _process.ExitCode;
    }

    /// <summary>Kills the AppHost alone with SIGKILL, as a crash or the OOM killer would: it gets no chance to stop anything.</summary>
    public void KillAppHostOnly()
    {
        if (SendSignal(_process.Id, SigKill) != 0)
            throw new InvalidOperationException($"kill({_process.Id}, SIGKILL) failed: errno {Marshal.GetLastPInvokeError()}");
        _process.WaitForExit();
    }

    /// <summary>
    /// Processes that still carry this system's data folder in their environment (the services) or on their command
    /// line (a storage mode's server, such as postgres -D or azurite --location): the AppHost's children.
    /// </summary>
    public IReadOnlyList<int> ProcessesUsingDataDirectory()
    {
        var found = new List<int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid) || pid == Environment.ProcessId)
                continue;
            try
            {
                if (new[] { "environ", "cmdline" }.Any(file => File.ReadAllText(Path.Combine(dir, file)).Contains(DataDirectory, StringComparison.Ordinal)))
                    found.Add(pid);
            }
            catch (IOException) { }
            catch (UnauthorizedAccessException) { }
        }
        return found;
    }

    /// <summary>
    /// The customer silo processes of this system (not the launchers that may stand between them and the AppHost),
    /// in the order they started.
    /// </summary>
    public IReadOnlyList<Process> SiloProcesses() =>
        ProcessesUsingDataDirectory()
            .Where(pid => CommandLine(pid) is [var program, .. var rest] && IsSilo(program, rest))
            .Select(Process.GetProcessById)
            .OrderBy(p => p.StartTime)
            .ToList();

    /// <summary>
    /// Where a service listens, as the AppHost told the gateway (<c>services__{name}__http__0</c>): for tests that call
    /// a service directly, around the gateway, as an attacker inside the network would.
    /// </summary>
    public Uri ServiceAddress(string service) =>
        ProcessesUsingDataDirectory().Select(pid => EnvironmentVariable(pid, $"services__{service}__http__0")).FirstOrDefault(v => v is not null) is { } found
            ? new Uri(found)
            : throw new InvalidOperationException($"No process of this system was told where '{service}' listens.");

    /// <summary>An environment variable of a process as it was started, or null if it had none of that name (or is gone).</summary>
    public static string? EnvironmentVariable(int pid, string name)
    {
        try
        {
            var prefix = name + "=";
            return File.ReadAllText($"/proc/{pid}/environ").Split('\0').FirstOrDefault(v => v.StartsWith(prefix, StringComparison.Ordinal))?[prefix.Length..];
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>The key the gateway signs tenant contexts with, as the AppHost keeps it in the data folder.</summary>
    public string GatewaySecret() => File.ReadAllText(Path.Combine(DataDirectory, "gateway.secret")).Trim();

    private static bool IsSilo(string program, string[] rest) =>
        program.EndsWith("/Crm.CustomerSilo", StringComparison.Ordinal)
        || (program.EndsWith("dotnet", StringComparison.Ordinal) && rest is [var dll, ..] && dll.EndsWith("Crm.CustomerSilo.dll", StringComparison.Ordinal));

    private static string[] CommandLine(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/cmdline").Split('\0', StringSplitOptions.RemoveEmptyEntries);
        }
        catch (IOException)
        {
            return [];
        }
    }

    /// <summary>Asks the process to stop with SIGTERM, as a service manager would; it shuts down in its own time.</summary>
    public static void Terminate(Process process)
    {
        if (SendSignal(process.Id, SigTerm) != 0)
            throw new InvalidOperationException($"kill({process.Id}, SIGTERM) failed: errno {Marshal.GetLastPInvokeError()}");
    }

    /// <summary>Kills the process with SIGKILL: no shutdown, no flush, as when a machine loses power.</summary>
    public static void KillNine(Process process)
    {
        if (SendSignal(process.Id, SigKill) != 0)
            throw new InvalidOperationException($"kill({process.Id}, SIGKILL) failed: errno {Marshal.GetLastPInvokeError()}");
    }

    public static bool PortIsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            try
            {
                await StopAsync(TimeSpan.FromSeconds(30));
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
            }
        }
        _process.Dispose();
    }

    private const int SigTerm = 15;
    private const int SigKill = 9;

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int SendSignal(int pid, int signal);

    [GeneratedRegex(@"^Gateway: (http://127\.0\.0\.1:\d+)\s*$")]
    private static partial Regex GatewayLine();
}

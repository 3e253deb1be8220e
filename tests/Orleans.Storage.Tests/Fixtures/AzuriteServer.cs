using Crm.AppHost.Networking;
using Crm.Tests.Shared;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Reflection;

namespace Orleans.Storage.Tests.Fixtures;

/// <summary>
/// Azurite (npm package azurite, pinned by azurite/package-lock.json and installed there by test.sh's `npm ci`) with
/// its blob, queue and table services on free ports and a temp folder, for one whole test run.
/// </summary>
public sealed class AzuriteServer : IDisposable
{
    // Azurite's documented development account.
    private const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    public const string MissingMessage =
        "Azurite is not installed: run ./test.sh (it runs `npm ci` in tests/Orleans.Storage.Tests/azurite).";

    private static readonly Lazy<AzuriteServer> SharedServer = new(() =>
    {
        var server = new AzuriteServer();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => server.Dispose();
        return server;
    });

    private readonly Process _process;
    private readonly List<string> _output = [];
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "orleans-azurite-" + Guid.NewGuid().ToString("N")[..8]);

    private AzuriteServer()
    {
        var executable = Path.Combine(PinnedFolder(), "node_modules", ".bin", "azurite");
        if (!File.Exists(executable))
            throw new InvalidOperationException($"{MissingMessage} (looked for {executable})");
        Directory.CreateDirectory(_folder);
        var (blob, queue, table) = (LoopbackPorts.AllocateOne(), LoopbackPorts.AllocateOne(), LoopbackPorts.AllocateOne());
        var start = new ProcessStartInfo(executable) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[]
                 {
                     "--blobHost", "127.0.0.1", "--blobPort", Text(blob),
                     "--queueHost", "127.0.0.1", "--queuePort", Text(queue),
                     "--tableHost", "127.0.0.1", "--tablePort", Text(table),
                     "--location", _folder, "--skipApiVersionCheck",
                 })
            start.ArgumentList.Add(argument);
        _process = Process.Start(start) ?? throw new InvalidOperationException("Azurite did not start.");
        Watchdog.AfterThisProcessExits($"kill -9 {_process.Id} 2>/dev/null; rm -rf '{_folder}'");
        _process.OutputDataReceived += (_, e) => Collect(e.Data);
        _process.ErrorDataReceived += (_, e) => Collect(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        WaitForPorts(blob, queue, table);
        ConnectionString = "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=" + AccountKey +
            $";BlobEndpoint=http://127.0.0.1:{blob}/devstoreaccount1;QueueEndpoint=http://127.0.0.1:{queue}/devstoreaccount1;TableEndpoint=http://127.0.0.1:{table}/devstoreaccount1;";
    }

    public static AzuriteServer Shared => SharedServer.Value;

    public string ConnectionString { get; }

    private static string PinnedFolder() => typeof(AzuriteServer).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(attribute => attribute.Key == "AzuriteFolder").Value!;

    private static string Text(int port) => port.ToString(CultureInfo.InvariantCulture);


    private void Collect(string? line)
    {
        if (line is not null)
            lock (_output)
                _output.Add(line);
    }

    private void WaitForPorts(params int[] ports)
    {
        // Generous: node starting cold on two busy cores can be slow.
        var deadline = DateTime.UtcNow.AddSeconds(90);
        foreach (var port in ports)
        {
            while (true)
            {
                try
                {
                    using var client = new TcpClient();
                    client.Connect(IPAddress.Loopback, port);
                    break;
                }
                catch (SocketException) when (DateTime.UtcNow < deadline && !_process.HasExited)
                {
                    Thread.Sleep(100);
                }
                catch (SocketException e)
                {
                    string output;
                    lock (_output)
                        output = string.Join('\n', _output);
                    throw new InvalidOperationException($"Azurite did not listen on port {port}: {e.Message}\n{output}", e);
                }
            }
        }
    }

    public void Dispose()
    {
        if (!_process.HasExited)
            _process.Kill(entireProcessTree: true);
        _process.Dispose();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // Azurite may still be closing its files; the watchdog removes the folder.
        }
    }
}

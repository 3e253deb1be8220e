using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Reflection;

namespace Actors.Tests.Fixtures;

/// <summary>Azurite's blob service (npm package azurite) on a free port and a temp folder, for the Azure Blob state store.</summary>
public sealed class AzuriteServer : IDisposable
{
    // Azurite's documented development account.
    private const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private static readonly Lazy<AzuriteServer> SharedServer = new(() =>
    {
        var server = new AzuriteServer();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => server.Dispose();
        return server;
    });

    private readonly Process _process;
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "actors-azurite-" + Guid.NewGuid().ToString("N")[..8]);

    private AzuriteServer()
    {
        Directory.CreateDirectory(_folder);
        var port = FreePort();
        var start = new ProcessStartInfo(Executable ?? throw new InvalidOperationException(MissingMessage)) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "--blobHost", "127.0.0.1", "--blobPort", port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                     "--location", _folder, "--skipApiVersionCheck", "--silent" })
            start.ArgumentList.Add(argument);
        _process = Process.Start(start)!;
        Watchdog.AfterThisProcessExits($"kill -9 {_process.Id} 2>/dev/null; rm -rf '{_folder}'");
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        WaitForPort(port);
        ConnectionString = $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={AccountKey};BlobEndpoint=http://127.0.0.1:{port}/devstoreaccount1;";
    }

    public const string MissingMessage =
        "Azurite is not installed: run ./test.sh (it runs `npm ci` in tests/Actors.Tests/azurite), or install azurite-blob on PATH.";

    /// <summary>The azurite-blob that the test script installed beside these tests, else one on PATH.</summary>
    private static string? Executable { get; } = new[] { Path.Combine(PinnedFolder(), "node_modules", ".bin") }
        .Concat((Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        .Select(folder => Path.Combine(folder, "azurite-blob"))
        .FirstOrDefault(File.Exists);

    private static string PinnedFolder() => typeof(AzuriteServer).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(attribute => attribute.Key == "AzuriteFolder").Value!;

    public static AzuriteServer Shared => SharedServer.Value;

    public string ConnectionString { get; }

    private static int FreePort()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)socket.LocalEndPoint!).Port;
    }

    private void WaitForPort(int port)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            try
            {
                using var client = new TcpClient();
                client.Connect(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline && !_process.HasExited)
            {
                Thread.Sleep(100);
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
            // azurite may still be closing its files
        }
    }
}

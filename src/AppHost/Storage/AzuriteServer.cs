using System.Globalization;
using Crm.AppHost.Networking;

namespace Crm.AppHost.Storage;

/// <summary>
/// Azurite (npm's local Azure Storage) as an executable with its data in &lt;data&gt;/azurite, its blob, queue and
/// table services on free ports of 127.0.0.1.
/// </summary>
public static class AzuriteServer
{
    public const string ResourceName = "azurite";
    public const string FolderName = "azurite";

    // Azurite's one well-known development account (public, the same in every Azurite and in Microsoft's docs).
    private const string Account = "devstoreaccount1";
    private const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    public static (IResourceBuilder<IResource> Server, string ConnectionString) Add(IDistributedApplicationBuilder builder, string dataDirectory)
    {
        var azurite = Locate(Environment.CurrentDirectory);
        var folder = Directory.CreateDirectory(Path.Combine(dataDirectory, FolderName)).FullName;
        var ports = LoopbackPorts.AllocateFree(3);
        var (blob, queue, table) = (Text(ports[0]), Text(ports[1]), Text(ports[2]));

        var server = builder.AddExecutable(ResourceName, azurite, folder,
                "--location", folder, "--silent", "--skipApiVersionCheck",
                "--blobHost", TcpHealthCheck.Host, "--blobPort", blob,
                "--queueHost", TcpHealthCheck.Host, "--queuePort", queue,
                "--tableHost", TcpHealthCheck.Host, "--tablePort", table)
            .ExcludeFromManifest();
        TcpHealthCheck.AddTo(server, ports[0], ports[2]);

        var endpoint = $"http://{TcpHealthCheck.Host}";
        var connectionString = $"DefaultEndpointsProtocol=http;AccountName={Account};AccountKey={AccountKey};" +
            $"BlobEndpoint={endpoint}:{blob}/{Account};QueueEndpoint={endpoint}:{queue}/{Account};TableEndpoint={endpoint}:{table}/{Account};";
        return (server, connectionString);
    }

    /// <summary>The azurite command: on PATH, or in node_modules/.bin of the current folder or one above it.</summary>
    public static string Locate(string startDirectory)
    {
        var onPath = (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, "azurite"));
        var inNodeModules = Ancestors(startDirectory).Select(dir => Path.Combine(dir, "node_modules", ".bin", "azurite"));
        return onPath.Concat(inNodeModules).FirstOrDefault(File.Exists) ?? throw new AppHostException(
            "--storage azure runs Azurite, which is not installed (no azurite on PATH or in node_modules/.bin). " +
            "Install it with `npm install -g azurite` (Node.js 20 or later: `sudo apt-get install nodejs npm`).");
    }

    private static IEnumerable<string> Ancestors(string directory)
    {
        for (var dir = new DirectoryInfo(directory); dir is not null; dir = dir.Parent)
            yield return dir.FullName;
    }

    private static string Text(int port) => port.ToString(CultureInfo.InvariantCulture);
}

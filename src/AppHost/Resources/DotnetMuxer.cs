using System.Runtime.InteropServices;

namespace Crm.AppHost.Resources;

/// <summary>Finds the `dotnet` executable that runs this AppHost, so children use the same SDK install.</summary>
public static class DotnetMuxer
{
    public static string Locate()
    {
        var name = OperatingSystem.IsWindows() ? "dotnet.exe" : "dotnet";
        // The runtime lives in <root>/shared/Microsoft.NETCore.App/<version>/; the muxer is <root>/dotnet. Our own
        // ProcessPath is the Crm.AppHost apphost under `dotnet run`, so it cannot be used.
        var root = Path.GetFullPath(Path.Combine(RuntimeEnvironment.GetRuntimeDirectory(), "..", "..", ".."));
        var beside = Path.Combine(root, name);
        if (File.Exists(beside))
            return beside;
        var hostPath = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        return !string.IsNullOrEmpty(hostPath) && File.Exists(hostPath) ? hostPath : name;
    }
}

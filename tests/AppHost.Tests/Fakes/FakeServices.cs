using Crm.AppHost.Health;
using Crm.AppHost.Manifest;
using Crm.AppHost.Resources;
using Crm.AppHost.Supervision;

namespace AppHost.Tests.Fakes;

/// <summary>Builds resources and manifests that run tests/AppHost.Tests/FakeService instead of the real services.</summary>
public static class FakeServices
{
    /// <summary>Test timings: patient enough for a loaded 2-core machine, short where the test waits on purpose.</summary>
    public static SupervisorSettings Settings(string logDirectory, TimeSpan? stopGrace = null, TimeSpan? readinessTimeout = null) => new(
        logDirectory,
        ReadinessSettings.Default with { PollInterval = TimeSpan.FromMilliseconds(100), Timeout = readinessTimeout ?? TimeSpan.FromMinutes(2) },
        StopGrace: stopGrace ?? TimeSpan.FromSeconds(20),
        ExitSettleDelay: TimeSpan.FromMilliseconds(100),
        CreateBackoff: () => new RestartBackoff(TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(2), TimeSpan.FromMinutes(1)));

    /// <summary>A folder whose fake.env gives the fake started there its behaviour.</summary>
    public static string Folder(TempDirectory root, string name, params string[] behaviour)
    {
        var folder = Directory.CreateDirectory(root.Combine("fakes", name)).FullName;
        File.WriteAllLines(Path.Combine(folder, "fake.env"), behaviour);
        return folder;
    }

    public static ProjectResource Resource(TempDirectory root, string name, int port, IReadOnlyList<string>? dependencies = null, params string[] behaviour) =>
        new(
            name,
            new LaunchSpec(DotnetMuxer.Locate(), [FakeServiceLocation.AssemblyPath], Folder(root, name, behaviour)),
            HttpEndpoint.Loopback(port),
            new Dictionary<string, string> { ["ASPNETCORE_URLS"] = HttpEndpoint.Loopback(port).ToString() },
            dependencies ?? []);

    /// <summary>A manifest that maps every real service's assembly name to the fake, each in its own folder.</summary>
    public static ServiceManifest Manifest(TempDirectory root, IReadOnlyDictionary<string, string[]>? behaviours = null) =>
        new(new[] { "Crm.CustomerSilo", "Crm.GraphQL", "Crm.CampaignService", "Crm.Gateway" }.ToDictionary(
            assembly => assembly,
            assembly => new ServiceProject(
                Path.Combine(Folder(root, assembly, behaviours?.GetValueOrDefault(assembly) ?? []), assembly + ".csproj"),
                FakeServiceLocation.AssemblyPath)));
}

using Crm.AppHost;
using Crm.AppHost.Manifest;
using AppHost.Tests.Fakes;

namespace AppHost.Tests.Manifest;

public sealed class ServiceManifestTests
{
    [Fact]
    public void The_build_records_every_service_with_its_project_folder_and_output_dll()
    {
        var projects = ServiceManifest.FromBuild().Projects;

        Assert.Equal(
            ["Crm.CampaignService", "Crm.CustomerSilo", "Crm.Gateway", "Crm.GraphQL"],
            projects.Select(p => p.AssemblyName).Order(StringComparer.Ordinal));
        foreach (var project in projects)
        {
            Assert.True(File.Exists(project.ProjectFile), project.ProjectFile);
            // Output lives under the service's own folder, e.g. src/Gateway/bin/<Configuration>/net10.0/Crm.Gateway.dll.
            Assert.StartsWith(Path.Combine(project.ProjectDirectory, "bin") + Path.DirectorySeparatorChar, project.AssemblyPath, StringComparison.Ordinal);
            Assert.EndsWith(Path.Combine("net10.0", project.AssemblyName + ".dll"), project.AssemblyPath, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Asking_for_a_service_the_apphost_does_not_reference_says_how_to_add_it()
    {
        var manifest = new ServiceManifest(new Dictionary<string, ServiceProject>());

        var error = Assert.Throws<AppHostException>(() => manifest.Get("Crm.Portal"));

        Assert.Contains("without a reference to Crm.Portal", error.Message, StringComparison.Ordinal);
        Assert.Contains("CrmService=\"true\"", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_service_whose_dll_is_missing_is_reported_with_the_build_command()
    {
        using var temp = new TempDirectory();
        var missing = temp.Combine("bin", "Crm.Gateway.dll");
        var manifest = new ServiceManifest(new Dictionary<string, ServiceProject>
        {
            ["Crm.Gateway"] = new(temp.Combine("Gateway.csproj"), missing),
        });

        var error = Assert.Throws<AppHostException>(() => manifest.Get("Crm.Gateway"));

        Assert.Contains($"Crm.Gateway has not been built: {missing} is missing", error.Message, StringComparison.Ordinal);
        Assert.Contains("dotnet build src/AppHost", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_built_service_is_returned_with_its_project_folder_as_content_root()
    {
        using var temp = new TempDirectory();
        var dll = temp.Combine("Crm.Gateway.dll");
        File.WriteAllText(dll, "");
        var manifest = new ServiceManifest(new Dictionary<string, ServiceProject> { ["Crm.Gateway"] = new(temp.Combine("Gateway.csproj"), dll) });

        var project = manifest.Get("Crm.Gateway");

        Assert.Equal(temp.Path, project.ProjectDirectory);
        Assert.Equal(dll, project.AssemblyPath);
    }
}

namespace Crm.AppHost.Manifest;

/// <summary>
/// Where each service's build output is, by assembly name. Built by AppHost.csproj's GenerateServiceManifest target,
/// so the AppHost never hard-codes a bin path and follows whatever configuration it was built with.
/// </summary>
public sealed class ServiceManifest(IReadOnlyDictionary<string, ServiceProject> byAssemblyName)
{
    public static ServiceManifest FromBuild() =>
        new(GeneratedServiceProjects.All.ToDictionary(p => p.AssemblyName, StringComparer.Ordinal));

    /// <summary>Every service the build recorded, whether or not its dll exists yet.</summary>
    public IReadOnlyCollection<ServiceProject> Projects => byAssemblyName.Values.ToArray();

    /// <summary>The service's project, after checking that its dll has been built.</summary>
    public ServiceProject Get(string assemblyName)
    {
        if (!byAssemblyName.TryGetValue(assemblyName, out var project))
            throw new AppHostException(
                $"the AppHost was built without a reference to {assemblyName}; add it as a ProjectReference with CrmService=\"true\" in src/AppHost/AppHost.csproj.");
        if (!File.Exists(project.AssemblyPath))
            throw new AppHostException(
                $"{assemblyName} has not been built: {project.AssemblyPath} is missing. Run `dotnet run --project src/AppHost` (it builds every service) or `dotnet build src/AppHost`.");
        return project;
    }
}

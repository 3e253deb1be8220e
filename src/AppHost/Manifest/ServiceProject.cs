namespace Crm.AppHost.Manifest;

/// <summary>One service project as the build saw it: its project file and the dll it produces.</summary>
public sealed record ServiceProject(string ProjectFile, string AssemblyPath)
{
    /// <summary>The assembly name (e.g. <c>Crm.Gateway</c>), which is how the AppHost asks for a service.</summary>
    public string AssemblyName => Path.GetFileNameWithoutExtension(AssemblyPath);

    /// <summary>The project folder: used as the content root, as <c>dotnet run</c> and Aspire do.</summary>
    public string ProjectDirectory => Path.GetDirectoryName(ProjectFile)!;
}

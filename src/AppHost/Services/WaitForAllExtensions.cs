namespace Crm.AppHost.Services;

public static class WaitForAllExtensions
{
    /// <summary>Starts the resource only when every one of <paramref name="dependencies"/> is healthy.</summary>
    public static IResourceBuilder<T> WaitForAll<T>(this IResourceBuilder<T> resource, IEnumerable<IResourceBuilder<IResource>> dependencies)
        where T : IResourceWithWaitSupport
    {
        foreach (var dependency in dependencies)
            resource.WaitFor(dependency);
        return resource;
    }
}

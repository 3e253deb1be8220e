namespace Crm.AppHost.Resources;

/// <summary>
/// The resources ordered into start stages: a stage holds every resource whose dependencies are all in earlier
/// stages, so each stage can start in parallel once the previous one is ready, and stop in reverse.
/// </summary>
public sealed class ResourceGraph
{
    public ResourceGraph(IReadOnlyList<ProjectResource> resources)
    {
        var byName = new Dictionary<string, ProjectResource>(StringComparer.Ordinal);
        foreach (var resource in resources)
        {
            if (!byName.TryAdd(resource.Name, resource))
                throw new AppHostException($"two resources are named '{resource.Name}'; resource names must be unique.");
        }

        foreach (var resource in resources)
        {
            foreach (var dependency in resource.Dependencies.Where(d => !byName.ContainsKey(d)))
                throw new AppHostException($"resource '{resource.Name}' depends on '{dependency}', which is not defined.");
        }

        Resources = resources;
        Stages = OrderIntoStages(resources);
    }

    public IReadOnlyList<ProjectResource> Resources { get; }

    public IReadOnlyList<IReadOnlyList<ProjectResource>> Stages { get; }

    private static List<IReadOnlyList<ProjectResource>> OrderIntoStages(IReadOnlyList<ProjectResource> resources)
    {
        var placed = new HashSet<string>(StringComparer.Ordinal);
        var remaining = resources.ToList();
        var stages = new List<IReadOnlyList<ProjectResource>>();
        while (remaining.Count > 0)
        {
            var stage = remaining.Where(r => r.Dependencies.All(placed.Contains)).ToList();
            if (stage.Count == 0)
                throw new AppHostException($"resources {string.Join(", ", remaining.Select(r => r.Name))} depend on each other in a cycle; none of them could ever start.");
            stages.Add(stage);
            remaining.RemoveAll(stage.Contains);
            placed.UnionWith(stage.Select(r => r.Name));
        }

        return stages;
    }
}

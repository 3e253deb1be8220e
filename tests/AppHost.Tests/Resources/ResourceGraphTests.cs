using Crm.AppHost;
using Crm.AppHost.Resources;

namespace AppHost.Tests.Resources;

public sealed class ResourceGraphTests
{
    private static ProjectResource R(string name, params string[] dependencies) =>
        new(name, new LaunchSpec("true", [], "/"), HttpEndpoint.Loopback(1), new Dictionary<string, string>(), dependencies);

    [Fact]
    public void Resources_are_staged_after_everything_they_depend_on()
    {
        var graph = new ResourceGraph([R("gateway", "graphql", "campaigns"), R("graphql", "silo-1", "silo-2"), R("silo-1"), R("campaigns", "silo-1"), R("silo-2")]);

        Assert.Equal(
            [["silo-1", "silo-2"], ["graphql", "campaigns"], ["gateway"]],
            graph.Stages.Select(s => s.Select(r => r.Name).ToArray()).ToArray());
    }

    [Fact]
    public void An_unknown_dependency_is_named()
    {
        var error = Assert.Throws<AppHostException>(() => new ResourceGraph([R("gateway", "graphql")]));

        Assert.Equal("resource 'gateway' depends on 'graphql', which is not defined.", error.Message);
    }

    [Fact]
    public void A_cycle_is_refused_naming_its_members()
    {
        var error = Assert.Throws<AppHostException>(() => new ResourceGraph([R("a"), R("b", "c"), R("c", "b")]));

        Assert.Contains("resources b, c depend on each other in a cycle", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Duplicate_names_are_refused() =>
        Assert.Contains("two resources are named 'a'", Assert.Throws<AppHostException>(() => new ResourceGraph([R("a"), R("a")])).Message, StringComparison.Ordinal);
}

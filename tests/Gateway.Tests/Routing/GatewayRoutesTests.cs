using Crm.Gateway.Cells;
using Crm.Gateway.Routing;
using Microsoft.Extensions.Configuration;

namespace Gateway.Tests.Routing;

public sealed class GatewayRoutesTests
{
    [Fact]
    public void Only_sign_up_accepting_an_invitation_its_page_and_the_IDE_page_are_anonymous_and_they_win_over_the_catch_alls()
    {
        var routes = GatewayRoutes.Build("cell-1");

        var anonymous = routes.Where(r => r.Metadata![GatewayRoutes.AccessKey] == GatewayRoutes.Anonymous).OrderBy(r => r.Match.Path, StringComparer.Ordinal).ToList();
        Assert.Equal(["/api/invitations/accept", "/api/tenants", "/graphql", "/invitations/accept"], anonymous.Select(r => r.Match.Path));
        Assert.Equal(["POST"], anonymous[0].Match.Methods);
        Assert.Equal(["POST"], anonymous[1].Match.Methods);
        Assert.Equal(["GET"], anonymous[2].Match.Methods);
        Assert.Equal("text/html", Assert.Single(anonymous[2].Match.Headers!).Values!.Single());
        Assert.Equal(["GET"], anonymous[3].Match.Methods);
        Assert.All(routes.Where(r => r.Match.Path!.Contains("{**")), r => Assert.True(r.Order > anonymous.Max(a => a.Order)));
        // Every route starts at the home cell; a tenant's request is reassigned to its own cell on the way.
        Assert.All(routes, r => Assert.Equal("cell-1", r.ClusterId));
    }

    [Fact]
    public void Each_cell_is_a_cluster_whose_destination_names_its_GraphQL_service()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Services:graphql:http:0"] = "http://127.0.0.1:1",
            ["Services:graphql-cell-2:http:0"] = "http://127.0.0.1:2",
            ["Gateway:Cells:cell-2:GraphQL"] = "graphql-cell-2",
            ["Gateway:Cells:cell-2:Orleans:ClusterId"] = "crm-cell-2",
        }).Build();

        var clusters = CellClusters.Build(GatewayCells.From(configuration));

        // The destination names the service; service discovery turns it into the address configuration gives.
        Assert.Equal(["cell-1 http://graphql", "cell-2 http://graphql-cell-2"],
            clusters.Select(c => $"{c.ClusterId} {Assert.Single(c.Destinations!).Value.Address}").Order());
    }

    [Fact]
    public void A_cell_without_its_cluster_says_what_to_set()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Services:graphql:http:0"] = "http://127.0.0.1:1",
            ["Services:graphql-cell-2:http:0"] = "http://127.0.0.1:2",
            ["Gateway:Cells:cell-2:GraphQL"] = "graphql-cell-2",
        }).Build();

        var error = Assert.Throws<InvalidOperationException>(() => GatewayCells.From(configuration));

        Assert.Contains("Gateway:Cells:cell-2:Orleans:ClusterId", error.Message);
    }

    [Fact]
    public void A_missing_service_address_says_how_to_set_it()
    {
        var error = Assert.Throws<InvalidOperationException>(() => GatewayCells.From(new ConfigurationBuilder().Build()));

        Assert.Contains("services__graphql__http__0", error.Message);
    }
}

using Crm.Gateway.Routing;
using Microsoft.Extensions.Configuration;

namespace Gateway.Tests.Routing;

public sealed class GatewayRoutesTests
{
    [Fact]
    public void Only_sign_up_accepting_an_invitation_and_the_IDE_page_are_anonymous_and_they_win_over_the_catch_alls()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Services:graphql:http:0"] = "http://127.0.0.1:1" }).Build();

        var (routes, clusters) = GatewayRoutes.Build(configuration);

        var anonymous = routes.Where(r => r.Metadata![GatewayRoutes.AccessKey] == GatewayRoutes.Anonymous).OrderBy(r => r.Match.Path).ToList();
        Assert.Equal(["/api/invitations/accept", "/api/tenants", "/graphql"], anonymous.Select(r => r.Match.Path));
        Assert.Equal(["POST"], anonymous[0].Match.Methods);
        Assert.Equal(["POST"], anonymous[1].Match.Methods);
        Assert.Equal(["GET"], anonymous[2].Match.Methods);
        Assert.Equal("text/html", Assert.Single(anonymous[2].Match.Headers!).Values!.Single());
        Assert.All(routes.Where(r => r.Match.Path!.Contains("{**")), r => Assert.True(r.Order > anonymous.Max(a => a.Order)));
        // The destination names the service; service discovery turns it into the address configuration gives.
        Assert.Equal("http://graphql", Assert.Single(Assert.Single(clusters).Destinations!).Value.Address);
    }

    [Fact]
    public void A_missing_service_address_says_how_to_set_it()
    {
        var error = Assert.Throws<InvalidOperationException>(() => GatewayRoutes.Build(new ConfigurationBuilder().Build()));

        Assert.Contains("services__graphql__http__0", error.Message);
    }
}

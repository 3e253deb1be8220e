using Crm.Gateway.Routing;
using Microsoft.Extensions.Configuration;

namespace Gateway.Tests.Routing;

public sealed class GatewayRoutesTests
{
    [Fact]
    public void Only_sign_up_is_anonymous_and_it_wins_over_the_api_catch_all()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Services:graphql"] = "http://127.0.0.1:1" }).Build();

        var (routes, clusters) = GatewayRoutes.Build(configuration);

        var anonymous = Assert.Single(routes, r => r.Metadata![GatewayRoutes.AccessKey] == GatewayRoutes.Anonymous);
        Assert.Equal("/api/tenants", anonymous.Match.Path);
        Assert.Equal(["POST"], anonymous.Match.Methods);
        Assert.All(routes.Where(r => r.Match.Path!.Contains("{**")), r => Assert.True(r.Order > anonymous.Order));
        Assert.Equal("http://127.0.0.1:1", Assert.Single(Assert.Single(clusters).Destinations!).Value.Address);
    }

    [Fact]
    public void A_missing_service_address_says_how_to_set_it()
    {
        var error = Assert.Throws<InvalidOperationException>(() => GatewayRoutes.Build(new ConfigurationBuilder().Build()));

        Assert.Contains("Services__graphql", error.Message);
    }
}

using Crm.Gateway.RateLimiting;
using Yarp.ReverseProxy.Configuration;

namespace Crm.Gateway.Routing;

/// <summary>
/// The routes the gateway forwards. Each route says in its metadata who may use it. Their clusters are the cells
/// (<see cref="Cells.CellClusters"/>), whose destinations name the service (<c>http://graphql</c>); service discovery
/// resolves the name from the address the AppHost hands over (<c>services__graphql__http__0</c>).
/// </summary>
public static class GatewayRoutes
{
    public const string AccessKey = "Access";
    public const string Anonymous = "Anonymous";
    public const string Tenant = "Tenant";

    public const string GraphQL = "graphql";

    /// <summary>
    /// The fixed set of routes. They all name the home cell's cluster, which serves sign-up and the IDE page; a
    /// tenant's request is reassigned to its own cell's cluster as it passes (<see cref="Cells.CellRouting"/>), so
    /// the routes do not grow with the number of tenants.
    /// </summary>
    public static IReadOnlyList<RouteConfig> Build(string homeCell) =>
    [
        Route("tenant-signup", "/api/tenants", homeCell, Anonymous, methods: ["POST"]) with { RateLimiterPolicy = AddressRateLimits.SignupPolicy },
        // The invited person has no credential yet: the invitation token in the body is it.
        Route("accept-invitation", "/api/invitations/accept", homeCell, Anonymous, methods: ["POST"]) with { RateLimiterPolicy = AddressRateLimits.SignInPolicy },
        // The page an invitation mail links to: static, the token stays in the browser until the POST above.
        Route("invitation-page", "/invitations/accept", homeCell, Anonymous, methods: ["GET"]),
        // The GraphQL IDE page, for a browser that has no key yet; the service serves it only as the static page.
        Route("graphql-ide", "/graphql", homeCell, Anonymous, methods: ["GET"], acceptsHtml: true),
        Route("api", "/api/{**rest}", homeCell, Tenant),
        Route("graphql", "/graphql/{**rest}", homeCell, Tenant),
    ];

    /// <summary>
    /// The service's logical address for service discovery, after checking that configuration says where the service
    /// is: without it the name would go to DNS and every request would fail far from the cause.
    /// </summary>
    public static string ServiceAddress(IConfiguration configuration, string service) =>
        configuration.GetSection($"Services:{service}").GetChildren().Any()
            ? $"http://{service}"
            : throw new InvalidOperationException(
                $"Services:{service} is not set. The AppHost sets it; to run the gateway by hand, set services__{service}__http__0=http://127.0.0.1:<port>.");

    private static RouteConfig Route(string id, string path, string cluster, string access, string[]? methods = null, bool acceptsHtml = false) => new()
    {
        RouteId = id,
        ClusterId = cluster,
        // An exact route must win over a catch-all of the same prefix.
        Order = path.Contains("{**", StringComparison.Ordinal) ? 10 : 0,
        Match = new RouteMatch
        {
            Path = path,
            Methods = methods,
            Headers = acceptsHtml ? [new RouteHeader { Name = "Accept", Values = ["text/html"], Mode = HeaderMatchMode.Contains }] : null,
        },
        Metadata = new Dictionary<string, string> { [AccessKey] = access },
    };
}

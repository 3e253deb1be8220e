using Microsoft.Extensions.Configuration;

namespace Crm.AppHost.Services;

/// <summary>What every Crm.Saas service gets from the AppHost, whatever its role.</summary>
public static class CrmServices
{
    public const string Loopback = "127.0.0.1";

    /// <param name="port">A fixed port the service binds itself (the gateway); null lets the orchestrator choose one.</param>
    public static IResourceBuilder<ProjectResource> AsCrmService(
        this IResourceBuilder<ProjectResource> service, IResourceBuilder<ParameterResource> gatewaySecret, string dataDirectory, int? port = null) =>
        // Not proxied: the service binds its own port on 127.0.0.1, so a stopped or killed process frees it at once.
        service
            .WithHttpEndpoint(port: port, targetPort: port, name: "http", isProxied: false)
            .WithEndpoint("http", endpoint => endpoint.TargetHost = Loopback)
            .WithHttpHealthCheck("/health")
            .WithEnvironment("ASPNETCORE_ENVIRONMENT", service.ApplicationBuilder.Environment.EnvironmentName)
            .WithEnvironment("Crm__DataDirectory", dataDirectory)
            .WithEnvironment("Crm__GatewaySecret", gatewaySecret);

    /// <summary>Where people reach the system: the gateway, on this machine.</summary>
    public static string GatewayUrl(int port) => $"http://{Loopback}:{port}";

    /// <summary>
    /// What a GraphQL service needs besides: the gateway's address for the links it mails, and the AppHost's own
    /// <c>Mail</c> settings (an SMTP server, given as <c>Mail__Smtp__Host</c> and so on to the AppHost), if any;
    /// without them its mail goes as .eml files into the data folder's <c>mail/</c>.
    /// </summary>
    public static IResourceBuilder<ProjectResource> AsTenantApi(this IResourceBuilder<ProjectResource> graphql, int gatewayPort, IConfiguration configuration)
    {
        graphql.WithEnvironment("Crm__PublicUrl", GatewayUrl(gatewayPort));
        foreach (var (key, value) in configuration.GetSection("Mail").AsEnumerable())
            if (value is not null)
                graphql.WithEnvironment(key.Replace(":", "__", StringComparison.Ordinal), value);
        return graphql;
    }

    /// <summary>Starts the resource only when every one of <paramref name="dependencies"/> is healthy.</summary>
    public static IResourceBuilder<T> WaitForAll<T>(this IResourceBuilder<T> resource, IEnumerable<IResourceBuilder<IResource>> dependencies)
        where T : IResourceWithWaitSupport
    {
        foreach (var dependency in dependencies)
            resource.WaitFor(dependency);
        return resource;
    }
}

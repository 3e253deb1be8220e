using Crm.AppHost.Manifest;

namespace Crm.AppHost.Resources;

/// <summary>
/// The Crm.Saas system as resources: N customer silos, then the GraphQL and campaign services, then the gateway.
/// This is the one place that knows the services; the supervisor only knows resources.
/// </summary>
public static class CrmAppModel
{
    public const string GraphQL = "graphql";
    public const string Campaigns = "campaigns";
    public const string Gateway = "gateway";
    public const string SiloPrefix = "customer-silo-";
    public const string DefaultEnvironmentName = "Development";

    /// <summary>
    /// How many free ports <see cref="Build"/> needs: an HTTP port per silo, GraphQL's and campaigns', then each silo's
    /// Orleans silo-to-silo and gateway (client) ports.
    /// </summary>
    public static int FreePortsNeeded(int siloCount) => siloCount + 2 + 2 * siloCount;

    public static IReadOnlyList<ProjectResource> Build(CrmAppModelSettings settings, ServiceManifest manifest, IReadOnlyList<int> freePorts)
    {
        var siloCount = settings.Options.SiloCount;
        if (freePorts.Count != FreePortsNeeded(siloCount))
            throw new ArgumentException($"expected {FreePortsNeeded(siloCount)} free ports, got {freePorts.Count}", nameof(freePorts));

        var silos = Enumerable.Range(1, siloCount)
            .Select(i => (Name: SiloPrefix + i, Endpoint: HttpEndpoint.Loopback(freePorts[i - 1]),
                SiloPort: freePorts[siloCount + 2 * i], GatewayPort: freePorts[siloCount + 2 * i + 1]))
            .ToArray();
        var graphql = HttpEndpoint.Loopback(freePorts[siloCount]);
        var campaigns = HttpEndpoint.Loopback(freePorts[siloCount + 1]);
        var gateway = HttpEndpoint.Loopback(settings.Options.GatewayPort);
        var shared = SharedEnvironment(settings, new Dictionary<string, HttpEndpoint>
        {
            [GraphQL] = graphql,
            [Campaigns] = campaigns,
            [Gateway] = gateway,
        });
        var siloNames = silos.Select(s => s.Name).ToArray();

        ProjectResource Service(string name, string assemblyName, HttpEndpoint endpoint, IReadOnlyList<string> dependencies,
            IReadOnlyDictionary<string, string>? own = null)
        {
            var project = manifest.Get(assemblyName);
            var environment = new Dictionary<string, string>(shared, StringComparer.Ordinal)
            {
                ["ASPNETCORE_URLS"] = endpoint.ToString(),
                ["OTEL_SERVICE_NAME"] = name,
            };
            foreach (var (key, value) in own ?? new Dictionary<string, string>())
                environment[key] = value;
            var launch = new LaunchSpec(settings.DotnetPath, [project.AssemblyPath], project.ProjectDirectory);
            return new ProjectResource(name, launch, endpoint, environment, dependencies);
        }

        return
        [
            .. silos.Select(s => Service(s.Name, "Crm.CustomerSilo", s.Endpoint, [], SiloEnvironment(settings, s.SiloPort, s.GatewayPort))),
            Service(GraphQL, "Crm.GraphQL", graphql, siloNames),
            Service(Campaigns, "Crm.CampaignService", campaigns, siloNames),
            Service(Gateway, "Crm.Gateway", gateway, [GraphQL, Campaigns]),
        ];
    }

    public const string ClusterId = "crm";

    private static string StoreConnectionString(string dataDirectory) => $"Data Source={Path.Combine(dataDirectory, "cluster.db")}";

    /// <summary>What a silo gets besides: where grain state and reminders live, and its own Orleans ports on 127.0.0.1.</summary>
    private static Dictionary<string, string> SiloEnvironment(CrmAppModelSettings settings, int siloPort, int gatewayPort)
    {
        var store = StoreConnectionString(settings.Options.DataDirectory);
        return new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["Orleans__GrainStorage__Default__ProviderType"] = "Sqlite",
            ["Orleans__GrainStorage__Default__ConnectionString"] = store,
            ["Orleans__Reminders__ProviderType"] = "Sqlite",
            ["Orleans__Reminders__ConnectionString"] = store,
            ["Orleans__Endpoints__AdvertisedIPAddress"] = "127.0.0.1",
            ["Orleans__Endpoints__SiloPort"] = siloPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Orleans__Endpoints__GatewayPort"] = gatewayPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
    }

    /// <summary>What every service gets, whatever its role.</summary>
    private static Dictionary<string, string> SharedEnvironment(CrmAppModelSettings settings, Dictionary<string, HttpEndpoint> services)
    {
        var ambient = settings.AmbientEnvironment;
        var environmentName = ambient.GetValueOrDefault("ASPNETCORE_ENVIRONMENT") is { Length: > 0 } aspnet ? aspnet
            : ambient.GetValueOrDefault("DOTNET_ENVIRONMENT") is { Length: > 0 } dotnet ? dotnet
            : DefaultEnvironmentName;
        var dataDirectory = settings.Options.DataDirectory;

        var environment = ambient
            .Where(e => e.Key.StartsWith("OTEL_", StringComparison.Ordinal))
            .ToDictionary(StringComparer.Ordinal);
        environment["ASPNETCORE_ENVIRONMENT"] = environmentName;
        environment["DOTNET_ENVIRONMENT"] = environmentName;
        // Every service finds the silos in the membership table of the embedded store (Orleans:Clustering).
        environment["Orleans__ClusterId"] = ClusterId;
        environment["Orleans__ServiceId"] = ClusterId;
        environment["Orleans__Clustering__ProviderType"] = "Sqlite";
        environment["Orleans__Clustering__ConnectionString"] = StoreConnectionString(dataDirectory);
        environment["Crm__DataDirectory"] = dataDirectory;
        environment["Crm__GatewaySecret"] = settings.GatewaySecret;
        environment["CRM_PARENT_PID"] = settings.ParentPid.ToString(System.Globalization.CultureInfo.InvariantCulture);
        foreach (var (name, endpoint) in services)
            environment[$"Services__{name}"] = endpoint.ToString();
        return environment;
    }
}

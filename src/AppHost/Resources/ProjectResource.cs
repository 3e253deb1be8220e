namespace Crm.AppHost.Resources;

/// <summary>
/// One process the AppHost runs, in the spirit of Aspire's ProjectResource: a name, how to launch it, the endpoint
/// it serves, its environment and the resources that must be ready before it starts.
/// </summary>
public sealed record ProjectResource(
    string Name,
    LaunchSpec Launch,
    HttpEndpoint Endpoint,
    IReadOnlyDictionary<string, string> Environment,
    IReadOnlyList<string> Dependencies)
{
    public const string HealthPath = "/health";

    public Uri HealthUrl => new(Endpoint.Url, HealthPath);
}

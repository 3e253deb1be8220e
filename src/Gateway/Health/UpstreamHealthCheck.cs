using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Crm.Gateway.Health;

/// <summary>The gateway is ready only when the service it forwards to says it is ready.</summary>
public sealed class UpstreamHealthCheck(IHttpClientFactory clients, string service, string address) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            using var response = await clients.CreateClient(nameof(UpstreamHealthCheck)).GetAsync(new Uri(new Uri(address), "/health"), cancellationToken);
            return response.IsSuccessStatusCode
                ? HealthCheckResult.Healthy()
                : HealthCheckResult.Unhealthy($"{service} at {address} answered /health with {(int)response.StatusCode}.");
        }
        catch (HttpRequestException e)
        {
            return HealthCheckResult.Unhealthy($"{service} at {address} is not reachable: {e.Message}");
        }
    }
}

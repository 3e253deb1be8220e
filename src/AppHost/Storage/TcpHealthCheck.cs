using Microsoft.Extensions.DependencyInjection;
using System.Net.Sockets;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Crm.AppHost.Storage;

/// <summary>A server counts as healthy once every one of its ports on 127.0.0.1 accepts a connection.</summary>
public sealed class TcpHealthCheck(IReadOnlyList<int> ports) : IHealthCheck
{
    public const string Host = "127.0.0.1";

    /// <summary>Registers the check with the AppHost's health checks and attaches it to the resource.</summary>
    public static IResourceBuilder<T> AddTo<T>(IResourceBuilder<T> resource, params int[] ports) where T : IResource
    {
        var key = $"{resource.Resource.Name}-tcp";
        resource.ApplicationBuilder.Services.AddHealthChecks().AddCheck(key, new TcpHealthCheck(ports));
        return resource.WithHealthCheck(key);
    }

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        foreach (var port in ports)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(Host, port, cancellationToken);
            }
            catch (SocketException e)
            {
                return HealthCheckResult.Unhealthy($"nothing accepts connections on {Host}:{port} yet ({e.SocketErrorCode})");
            }
        }
        return HealthCheckResult.Healthy();
    }
}

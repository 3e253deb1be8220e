using Actors.Membership;
using Actors.Messaging;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Actors.Hosting;

/// <summary>Healthy once this silo listens and the membership table lists it Active.</summary>
internal sealed class SiloHealthCheck(ActorSilo silo, MembershipAgent membership) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (silo.Address is not { } self)
            return Task.FromResult(HealthCheckResult.Unhealthy("The silo has not started."));
        if (!silo.IsServing)
            return Task.FromResult(HealthCheckResult.Unhealthy($"Silo {self} is not serving (shutting down or declared dead)."));
        return Task.FromResult(membership.View.StatusOf(self) == SiloStatus.Active
            ? HealthCheckResult.Healthy($"Silo {self} is Active with {silo.ActivationCount} activation(s).")
            : HealthCheckResult.Unhealthy($"Silo {self} is not yet Active in the membership table."));
    }
}

/// <summary>Healthy once the client knows at least one Active silo and can connect to it.</summary>
internal sealed class ClientHealthCheck(MembershipAgent membership, ConnectionPool connections) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var silos = membership.View.ActiveSilos;
        if (silos.Count == 0)
            return HealthCheckResult.Unhealthy("The membership table lists no Active silo yet.");
        foreach (var silo in silos.Where(s => !connections.IsSuspect(s)))
        {
            try
            {
                await connections.GetAsync(silo).ConfigureAwait(false);
                return HealthCheckResult.Healthy($"{silos.Count} Active silo(s); connected to {silo}.");
            }
            catch (SiloUnreachableException)
            {
                // try the next one
            }
        }
        return HealthCheckResult.Unhealthy($"None of the {silos.Count} Active silo(s) accepts connections.");
    }
}

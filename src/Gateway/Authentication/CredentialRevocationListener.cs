using Crm.Contracts.Tenants.Access;

namespace Crm.Gateway.Authentication;

/// <summary>
/// Subscribes this gateway to the cluster's revocation notices and renews the subscription every
/// <see cref="RenewEvery"/> (also re-creating it after the revocations grain moved), well within its lifetime.
/// </summary>
public sealed class CredentialRevocationListener(IGrainFactory grains, GrainTenantCredentials credentials, ILogger<CredentialRevocationListener> logger)
    : BackgroundService, ICredentialObserver
{
    public static readonly TimeSpan RenewEvery = TimeSpan.FromSeconds(30);

    public Task RevokedAsync(RevokedCredential credential)
    {
        credentials.Forget(credential);
        return Task.CompletedTask;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var self = grains.CreateObjectReference<ICredentialObserver>(this);
        var revocations = grains.GetGrain<ICredentialRevocationsGrain>(ICredentialRevocationsGrain.Key);
        using var timer = new PeriodicTimer(RenewEvery);
        do
        {
            try
            {
                await revocations.SubscribeAsync(self);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(e, "Could not subscribe to credential revocations; retrying in {Seconds} s.", RenewEvery.TotalSeconds);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false) is true);
    }
}

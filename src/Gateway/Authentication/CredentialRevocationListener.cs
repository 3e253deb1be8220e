using Crm.Contracts.Tenants.Access;
using Crm.Gateway.Cells;

namespace Crm.Gateway.Authentication;

/// <summary>
/// Subscribes this gateway to the revocation notices of every cell's cluster and renews the subscriptions every
/// <see cref="RenewEvery"/> (also re-creating them after a revocations grain moved), well within their lifetime.
/// </summary>
public sealed class CredentialRevocationListener(GatewayCells cells, ICellClients clients, GrainTenantCredentials credentials, ILogger<CredentialRevocationListener> logger)
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
        using var timer = new PeriodicTimer(RenewEvery);
        do
        {
            foreach (var cell in cells.All.Keys)
            {
                try
                {
                    // Each cluster client makes its own reference to this observer.
                    var grains = clients.ForCell(cell);
                    await grains.GetGrain<ICredentialRevocationsGrain>(ICredentialRevocationsGrain.Key)
                        .SubscribeAsync(grains.CreateObjectReference<ICredentialObserver>(this));
                }
                catch (Exception e) when (!stoppingToken.IsCancellationRequested)
                {
                    logger.LogWarning(e, "Could not subscribe to the credential revocations of cell {Cell}; retrying in {Seconds} s.", cell, RenewEvery.TotalSeconds);
                }
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false) is true);
    }
}

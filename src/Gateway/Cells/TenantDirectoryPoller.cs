using Crm.Contracts.Tenants.Directory;

namespace Crm.Gateway.Cells;

/// <summary>
/// Keeps <see cref="TenantDirectoryView"/> in step with the directory grain: asks every <see cref="Interval"/> whether
/// the version moved on (a tiny call that answers null when nothing changed). A change made through this gateway's
/// operator API is applied at once, without waiting for the next poll. Polling rather than a grain observer: it
/// needs no re-subscription after a silo restart and cannot miss a change, and a second's delay is what other
/// gateways see.
/// </summary>
public sealed class TenantDirectoryPoller(ITenantDirectoryGrain directory, TenantDirectoryView view, ILogger<TenantDirectoryPoller> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        do
        {
            try
            {
                view.Apply(await directory.GetIfNewerAsync(view.Version));
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // Requests go on with the copy the gateway has; a tenant's first request waits for the first read.
                logger.LogWarning(e, "Could not read the tenant directory; trying again in {Interval}.", Interval);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}

using Crm.Contracts.Tenants.Access;
using Microsoft.Extensions.Logging;
using Orleans.Utilities;

namespace Crm.CustomerSilo.Tenants.Access;

/// <summary>
/// Fans a revocation out to every subscribed gateway and waits for them, so the revoking call returns only once the
/// gateways have dropped the credential. A subscription lapses after <see cref="SubscriptionLifetime"/>; gateways
/// renew it every <c>CredentialRevocationListener.RenewEvery</c>, also after this grain moved to another silo.
/// </summary>
// Its subscriptions live only in memory: it stays active so that idle collection never forgets them.
[KeepAlive]
public sealed class CredentialRevocationsGrain(ILogger<CredentialRevocationsGrain> logger) : Grain, ICredentialRevocationsGrain
{
    public static readonly TimeSpan SubscriptionLifetime = TimeSpan.FromMinutes(2);

    /// <summary>A gateway that does not answer in this time is not waited for; its cache lifetime bounds the damage.</summary>
    private static readonly TimeSpan NotifyTimeout = TimeSpan.FromSeconds(2);

    private readonly ObserverManager<ICredentialObserver> _observers = new(SubscriptionLifetime, logger);

    public Task SubscribeAsync(ICredentialObserver observer)
    {
        _observers.Subscribe(observer, observer);
        return Task.CompletedTask;
    }

    // Gateways are few; telling them one after another keeps the code plain. One that fails or times out is dropped
    // until it renews its subscription.
    public Task PublishAsync(RevokedCredential credential) =>
        _observers.Notify(observer => observer.RevokedAsync(credential).WaitAsync(NotifyTimeout));
}

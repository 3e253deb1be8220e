using Orleans.Concurrency;

namespace Crm.Contracts.Tenants.Access;

/// <summary>
/// Tells every gateway that a credential stopped being good (a revoked key, a deactivated user or a changed role),
/// so no cache accepts it a moment longer. One activation per cluster (key <see cref="Key"/>); gateways subscribe
/// and renew their subscription well before it lapses.
/// </summary>
[Alias("crm.credential-revocations")]
public interface ICredentialRevocationsGrain : IGrainWithStringKey
{
    public const string Key = "all";

    [Alias("subscribe")]
    Task SubscribeAsync(ICredentialObserver observer);

    /// <summary>Returns once every subscribed gateway has been told (or has failed to answer in time).</summary>
    [Alias("publish")]
    Task PublishAsync(RevokedCredential credential);
}

/// <param name="Credential">"key:&lt;secret hash&gt;" or "user:&lt;user id&gt;".</param>
[GenerateSerializer, Immutable, Alias("crm.RevokedCredential")]
public sealed record RevokedCredential([property: Id(0)] string TenantId, [property: Id(1)] string Credential)
{
    public static RevokedCredential Key(string tenantId, string secretHash) => new(tenantId, $"key:{secretHash}");

    public static RevokedCredential User(string tenantId, string userId) => new(tenantId, $"user:{userId}");
}

[Alias("crm.credential-observer")]
public interface ICredentialObserver : IGrainObserver
{
    [Alias("revoked")]
    Task RevokedAsync(RevokedCredential credential);
}

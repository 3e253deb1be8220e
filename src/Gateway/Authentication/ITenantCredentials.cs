using Crm.Contracts.Tenants;
using Crm.Contracts.Tenants.Access;

namespace Crm.Gateway.Authentication;

/// <summary>Answers whether a credential is good for the tenant it names, and what it may do.</summary>
public interface ITenantCredentials
{
    /// <summary>The key's access, or null when it is not a live key of its tenant.</summary>
    ValueTask<KeyAccess?> VerifyKeyAsync(ApiKey key, CancellationToken cancellationToken);

    /// <summary>The user's current role, or null when the user is unknown or deactivated.</summary>
    ValueTask<UserAccess?> VerifyUserAsync(string tenantId, string userId, CancellationToken cancellationToken);
}

using Crm.Contracts.Tenants.Erasure;
using Crm.Contracts.Tenants.Plans;
using Orleans.Concurrency;

namespace Crm.Contracts.Tenants.Access;

/// <summary>
/// Who may act for one tenant (keyed by tenant id): its users with their roles, their invitations, and its API keys.
/// Secrets never reach it: it stores only password hashes (ASP.NET Core Identity's format) and SHA-256 hashes of key
/// and invitation secrets. Every revocation is announced through <see cref="ICredentialRevocationsGrain"/> before
/// the call returns, so gateways stop accepting the credential at once.
/// </summary>
[Alias("crm.tenant-access")]
public interface ITenantAccessGrain : IErasableGrain
{
    /// <summary>The tenant's first admin and first (admin-scoped) key, at sign-up; fails if the tenant already has users.</summary>
    [Alias("initialize")]
    Task InitializeAsync(TenantPlan plan, NewUser admin, NewApiKey firstKey);

    /// <summary>The key's access when the hash is one of this tenant's live (not revoked, not expired) keys; else null.</summary>
    [Alias("verify-api-key"), ReadOnly]
    Task<KeyAccess?> VerifyApiKeyAsync(string secretHash);

    /// <summary>For a password sign-in: the active user with this email, with the password hash to check; else null.</summary>
    [Alias("find-user-by-email"), ReadOnly]
    Task<UserCredentials?> FindUserByEmailAsync(string email);

    /// <summary>For a session: the user's current role if the user is still active; else null.</summary>
    [Alias("user-access"), ReadOnly]
    Task<UserAccess?> GetUserAccessAsync(string userId);

    [Alias("plan"), ReadOnly]
    Task<TenantPlan> GetPlanAsync();

    [Alias("change-plan")]
    Task ChangePlanAsync(TenantPlan plan);

    [Alias("list-users"), ReadOnly]
    Task<IReadOnlyList<TenantUser>> ListUsersAsync();

    /// <summary>Invites an email with a role; fails with <see cref="AccessException"/> if that email already has a user.</summary>
    [Alias("invite")]
    Task<Invitation> InviteAsync(string email, TenantRole role, string tokenHash, DateTimeOffset expiresAt, string invitedBy);

    [Alias("list-invitations"), ReadOnly]
    Task<IReadOnlyList<Invitation>> ListInvitationsAsync();

    /// <summary>Turns a live invitation into an active user; fails with <see cref="AccessException"/> for an unknown, used or expired token.</summary>
    [Alias("accept-invitation")]
    Task<TenantUser> AcceptInvitationAsync(string tokenHash, string name, string passwordHash);

    [Alias("change-role")]
    Task<TenantUser> ChangeRoleAsync(string userId, TenantRole role);

    /// <summary>Deactivates a user: their sessions stop working at once.</summary>
    [Alias("deactivate-user")]
    Task<TenantUser> DeactivateUserAsync(string userId);

    [Alias("create-api-key")]
    Task<ApiKeyInfo> CreateApiKeyAsync(NewApiKey key);

    [Alias("list-api-keys"), ReadOnly]
    Task<IReadOnlyList<ApiKeyInfo>> ListApiKeysAsync();

    /// <summary>Revokes a key; gateways refuse it from the moment this returns. Fails with <see cref="AccessException"/> for an unknown key.</summary>
    [Alias("revoke-api-key")]
    Task<ApiKeyInfo> RevokeApiKeyAsync(string keyId);
}

/// <param name="PasswordHash">Already hashed by the caller; plain passwords never reach a grain.</param>
[GenerateSerializer, Immutable, Alias("crm.NewUser")]
public sealed record NewUser([property: Id(0)] string Email, [property: Id(1)] string Name, [property: Id(2)] TenantRole Role, [property: Id(3)] string PasswordHash);

/// <param name="Prefix">The start of the key as shown to people ("crm_…_abcd1234"), to recognise it in lists.</param>
/// <param name="ExpiresAt">Null for a key that lives until revoked.</param>
[GenerateSerializer, Immutable, Alias("crm.NewApiKey")]
public sealed record NewApiKey(
    [property: Id(0)] string Name,
    [property: Id(1)] IReadOnlyList<ApiKeyScope> Scopes,
    [property: Id(2)] string SecretHash,
    [property: Id(3)] string Prefix,
    [property: Id(4)] DateTimeOffset? ExpiresAt,
    [property: Id(5)] string CreatedBy);

[GenerateSerializer, Immutable, Alias("crm.KeyAccess")]
public sealed record KeyAccess([property: Id(0)] string KeyId, [property: Id(1)] IReadOnlyList<ApiKeyScope> Scopes, [property: Id(2)] DateTimeOffset? ExpiresAt, [property: Id(3)] TenantPlan Plan);

[GenerateSerializer, Immutable, Alias("crm.UserCredentials")]
public sealed record UserCredentials([property: Id(0)] string UserId, [property: Id(1)] string PasswordHash);

[GenerateSerializer, Immutable, Alias("crm.UserAccess")]
public sealed record UserAccess([property: Id(0)] string UserId, [property: Id(1)] TenantRole Role, [property: Id(2)] TenantPlan Plan);

[GenerateSerializer, Immutable, Alias("crm.TenantUser")]
public sealed record TenantUser(
    [property: Id(0)] string Id,
    [property: Id(1)] string Email,
    [property: Id(2)] string Name,
    [property: Id(3)] TenantRole Role,
    [property: Id(4)] bool Active,
    [property: Id(5)] DateTimeOffset CreatedAt);

[GenerateSerializer, Immutable, Alias("crm.Invitation")]
public sealed record Invitation(
    [property: Id(0)] string Id,
    [property: Id(1)] string Email,
    [property: Id(2)] TenantRole Role,
    [property: Id(3)] DateTimeOffset ExpiresAt,
    [property: Id(4)] string InvitedBy,
    [property: Id(5)] DateTimeOffset? AcceptedAt);

[GenerateSerializer, Immutable, Alias("crm.ApiKeyInfo")]
public sealed record ApiKeyInfo(
    [property: Id(0)] string Id,
    [property: Id(1)] string Name,
    [property: Id(2)] string Prefix,
    [property: Id(3)] IReadOnlyList<ApiKeyScope> Scopes,
    [property: Id(4)] DateTimeOffset CreatedAt,
    [property: Id(5)] string CreatedBy,
    [property: Id(6)] DateTimeOffset? ExpiresAt,
    [property: Id(7)] DateTimeOffset? RevokedAt);

/// <summary>A request about users, invitations or keys broke a rule; the message says which and what to do.</summary>
[GenerateSerializer, Alias("crm.AccessException")]
public sealed class AccessException(string field, string message) : Exception(message)
{
    [Id(0)] public string Field { get; } = field;
}

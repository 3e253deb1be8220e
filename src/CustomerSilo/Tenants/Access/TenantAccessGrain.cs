using System.Security.Cryptography;
using System.Text;
using Crm.Contracts.Tenants.Access;
using Crm.Contracts.Tenants.Plans;
using Crm.CustomerSilo.Tenants.Archive;
using Crm.CustomerSilo.Tenants.Erasure;

namespace Crm.CustomerSilo.Tenants.Access;

/// <summary>One tenant's users, invitations and API keys (see <see cref="ITenantAccessGrain"/>). Keyed by tenant id.</summary>
public sealed class TenantAccessGrain(
    [PersistentState("access")] IPersistentState<TenantAccessState> access,
    TimeProvider time) : Grain, ITenantAccessGrain, IArchivedAccess
{
    /// <summary>Enough for any staff and any set of integrations; past it, a script is most likely creating them.</summary>
    public const int MaxUsers = 1_000;
    public const int MaxApiKeys = 100;

    private TenantAccessState State => access.State;

    private string TenantId => this.GetPrimaryKeyString();

    public async Task InitializeAsync(TenantPlan plan, NewUser admin, NewApiKey firstKey)
    {
        if (State.Users.Count > 0)
            throw new AccessException("tenant", $"Tenant '{TenantId}' already has users.");
        State.Plan = plan;
        State.Users.Add(NewUserRecord(admin.Email, admin.Name, admin.Role, admin.PasswordHash));
        State.ApiKeys.Add(NewKeyRecord(firstKey));
        await access.WriteStateAsync();
    }

    public Task<KeyAccess?> VerifyApiKeyAsync(string secretHash)
    {
        var candidate = Encoding.ASCII.GetBytes(secretHash);
        var now = time.GetUtcNow();
        ApiKeyRecord? found = null;
        // Compare with every stored hash in constant time, so timing does not reveal how much of a key matched.
        foreach (var key in State.ApiKeys)
        {
            if (CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(key.SecretHash), candidate))
                found = key;
        }
        return Task.FromResult(found is not null && found.IsLive(now)
            ? new KeyAccess(found.Id, found.Scopes, found.ExpiresAt, State.Plan)
            : null);
    }

    public Task<UserCredentials?> FindUserByEmailAsync(string email) =>
        Task.FromResult(ActiveUserByEmail(email) is { } user ? new UserCredentials(user.Id, user.PasswordHash) : null);

    public Task<UserAccess?> GetUserAccessAsync(string userId) =>
        Task.FromResult(State.Users.Find(u => u.Id == userId && u.Active) is { } user ? new UserAccess(user.Id, user.Role, State.Plan) : null);

    public Task<TenantPlan> GetPlanAsync() => Task.FromResult(State.Plan);

    /// <summary>Gateways remember a credential's plan with it: they are told to forget them all, so the new limits apply at once.</summary>
    public async Task ChangePlanAsync(TenantPlan plan)
    {
        State.Plan = plan;
        await access.WriteStateAsync();
        foreach (var credential in Credentials())
            await RevokedAsync(credential);
    }

    public Task<IReadOnlyList<TenantUser>> ListUsersAsync() =>
        Task.FromResult<IReadOnlyList<TenantUser>>([.. State.Users.Select(u => u.ToUser())]);

    public async Task<Invitation> InviteAsync(string email, TenantRole role, string tokenHash, DateTimeOffset expiresAt, string invitedBy)
    {
        if (State.Users.Exists(u => SameEmail(u.Email, email)))
            throw new AccessException("email", $"{email} already has a user in this tenant.");
        if (State.Users.Count + State.Invitations.Count(i => i.AcceptedAt is null) >= MaxUsers)
            throw new AccessException("email", $"A tenant may have at most {MaxUsers} users and open invitations.");
        // A new invitation to the same address replaces an open one, so only the latest link works.
        State.Invitations.RemoveAll(i => i.AcceptedAt is null && SameEmail(i.Email, email));
        var invitation = new InvitationRecord
        {
            Id = NewId(), Email = email, Role = role, TokenHash = tokenHash, ExpiresAt = expiresAt, InvitedBy = invitedBy,
        };
        State.Invitations.Add(invitation);
        await access.WriteStateAsync();
        return invitation.ToInvitation();
    }

    public Task<IReadOnlyList<Invitation>> ListInvitationsAsync() =>
        Task.FromResult<IReadOnlyList<Invitation>>([.. State.Invitations.Select(i => i.ToInvitation())]);

    public async Task<TenantUser> AcceptInvitationAsync(string tokenHash, string name, string passwordHash)
    {
        var invitation = State.Invitations.Find(i => i.TokenHash == tokenHash);
        if (invitation is null || invitation.AcceptedAt is not null || invitation.ExpiresAt <= time.GetUtcNow())
            throw new AccessException("token", "The invitation is unknown, already used or expired: ask an admin of the tenant for a new one.");
        if (State.Users.Exists(u => SameEmail(u.Email, invitation.Email)))
            throw new AccessException("token", $"{invitation.Email} already has a user in this tenant.");
        invitation.AcceptedAt = time.GetUtcNow();
        var user = NewUserRecord(invitation.Email, name, invitation.Role, passwordHash);
        State.Users.Add(user);
        await access.WriteStateAsync();
        return user.ToUser();
    }

    public async Task<TenantUser> ChangeRoleAsync(string userId, TenantRole role)
    {
        var user = RequireUser(userId);
        if (user.Role == TenantRole.Admin && role != TenantRole.Admin)
            EnsureAnotherActiveAdmin(user);
        user.Role = role;
        await access.WriteStateAsync();
        await RevokedAsync(RevokedCredential.User(TenantId, user.Id));
        return user.ToUser();
    }

    public async Task<TenantUser> DeactivateUserAsync(string userId)
    {
        var user = RequireUser(userId);
        if (user.Role == TenantRole.Admin)
            EnsureAnotherActiveAdmin(user);
        user.Active = false;
        await access.WriteStateAsync();
        await RevokedAsync(RevokedCredential.User(TenantId, user.Id));
        return user.ToUser();
    }

    public async Task<ApiKeyInfo> CreateApiKeyAsync(NewApiKey key)
    {
        if (State.ApiKeys.Count(k => k.IsLive(time.GetUtcNow())) >= MaxApiKeys)
            throw new AccessException("name", $"A tenant may have at most {MaxApiKeys} live API keys: revoke one first.");
        if (key.ExpiresAt is { } expires && expires <= time.GetUtcNow())
            throw new AccessException("expiresAt", "The expiry must be in the future.");
        var record = NewKeyRecord(key);
        State.ApiKeys.Add(record);
        await access.WriteStateAsync();
        return record.ToInfo();
    }

    public Task<IReadOnlyList<ApiKeyInfo>> ListApiKeysAsync() =>
        Task.FromResult<IReadOnlyList<ApiKeyInfo>>([.. State.ApiKeys.Select(k => k.ToInfo())]);

    public async Task<ApiKeyInfo> RevokeApiKeyAsync(string keyId)
    {
        var key = State.ApiKeys.Find(k => k.Id == keyId)
            ?? throw new AccessException("id", $"The tenant has no API key '{keyId}'.");
        if (key.RevokedAt is null)
        {
            key.RevokedAt = time.GetUtcNow();
            await access.WriteStateAsync();
        }
        // Announced even when it was revoked before: a gateway that missed the first notice hears it now.
        await RevokedAsync(RevokedCredential.Key(TenantId, key.SecretHash));
        return key.ToInfo();
    }

    public Task<TenantAccessState?> ExportStateAsync() => access.ExportAsync();

    public Task RestoreStateAsync(TenantAccessState state) => access.RestoreAsync(state);

    public Task EraseStateAsync() => EraseAsync();

    /// <summary>
    /// Announces every key and user as revoked (so every gateway drops what it remembers of them), then clears the
    /// state. Announced before the clear, so a crash between them leaves the state for the next erasure to announce again.
    /// </summary>
    public async Task<int> EraseAsync()
    {
        foreach (var credential in Credentials())
            await RevokedAsync(credential);
        return await this.EraseAsync(access, State.ApiKeys.Count + State.Users.Count + State.Invitations.Count);
    }

    private List<RevokedCredential> Credentials() =>
    [
        .. State.ApiKeys.Select(k => RevokedCredential.Key(TenantId, k.SecretHash)),
        .. State.Users.Select(u => RevokedCredential.User(TenantId, u.Id)),
    ];

    private Task RevokedAsync(RevokedCredential credential) =>
        GrainFactory.GetGrain<ICredentialRevocationsGrain>(ICredentialRevocationsGrain.Key).PublishAsync(credential);

    private UserRecord RequireUser(string userId) =>
        State.Users.Find(u => u.Id == userId) ?? throw new AccessException("userId", $"The tenant has no user '{userId}'.");

    private void EnsureAnotherActiveAdmin(UserRecord user)
    {
        if (!State.Users.Exists(u => u != user && u.Active && u.Role == TenantRole.Admin))
            throw new AccessException("userId", "A tenant needs at least one active admin: make another user an admin first.");
    }

    private UserRecord? ActiveUserByEmail(string email) => State.Users.Find(u => u.Active && SameEmail(u.Email, email));

    private UserRecord NewUserRecord(string email, string name, TenantRole role, string passwordHash) => new()
    {
        Id = NewId(), Email = email, Name = name, Role = role, PasswordHash = passwordHash, CreatedAt = time.GetUtcNow(),
    };

    private ApiKeyRecord NewKeyRecord(NewApiKey key) => new()
    {
        Id = NewId(), Name = key.Name, Prefix = key.Prefix, SecretHash = key.SecretHash, Scopes = [.. key.Scopes.Distinct()],
        CreatedAt = time.GetUtcNow(), CreatedBy = key.CreatedBy, ExpiresAt = key.ExpiresAt,
    };

    private static bool SameEmail(string a, string b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);

    private static string NewId() => Guid.NewGuid().ToString("N")[..16];
}

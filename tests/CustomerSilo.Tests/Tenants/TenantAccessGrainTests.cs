using Crm.Contracts.Tenants;
using Crm.Contracts.Tenants.Access;
using Crm.Contracts.Tenants.Plans;

namespace CustomerSilo.Tests.Tenants;

public sealed class TenantAccessGrainTests(CrmCluster crm) : IClassFixture<CrmCluster>
{
    private async Task<(ITenantAccessGrain Access, ApiKey FirstKey)> NewTenantAsync(TenantPlan plan = TenantPlan.Pro)
    {
        var tenantId = TenantIds.New();
        var key = ApiKey.Create(tenantId);
        var access = crm.Cluster.Client.GetGrain<ITenantAccessGrain>(tenantId);
        await access.InitializeAsync(plan, new NewUser("admin@acme.com", "Admin", TenantRole.Admin, "hash"),
            new NewApiKey("first", [ApiKeyScope.Admin], key.SecretHash, key.DisplayPrefix, null, "sign-up"));
        return (access, key);
    }

    [Fact]
    public async Task A_tenant_accepts_only_its_own_live_keys_with_their_scopes_and_its_plan()
    {
        var (access, key) = await NewTenantAsync(TenantPlan.Enterprise);

        var granted = await access.VerifyApiKeyAsync(key.SecretHash);
        Assert.Equal([ApiKeyScope.Admin], granted!.Scopes);
        Assert.Equal(TenantPlan.Enterprise, granted.Plan);
        Assert.Null(await access.VerifyApiKeyAsync(ApiKey.Create(key.TenantId).SecretHash));
        Assert.Null(await crm.Cluster.Client.GetGrain<ITenantAccessGrain>(TenantIds.New()).VerifyApiKeyAsync(key.SecretHash));
    }

    [Fact]
    public async Task A_revoked_key_is_refused_and_listed_as_revoked()
    {
        var (access, _) = await NewTenantAsync();
        var key = ApiKey.Create(access.GetPrimaryKeyString());
        var info = await access.CreateApiKeyAsync(new NewApiKey("sync", [ApiKeyScope.Read], key.SecretHash, key.DisplayPrefix, null, "user:u1"));
        Assert.NotNull(await access.VerifyApiKeyAsync(key.SecretHash));

        await access.RevokeApiKeyAsync(info.Id);

        Assert.Null(await access.VerifyApiKeyAsync(key.SecretHash));
        Assert.NotNull((await access.ListApiKeysAsync()).Single(k => k.Id == info.Id).RevokedAt);
        await Assert.ThrowsAsync<AccessException>(() => access.RevokeApiKeyAsync("no-such-key"));
    }

    [Fact]
    public async Task A_key_cannot_be_created_already_expired()
    {
        var (access, _) = await NewTenantAsync();
        var key = ApiKey.Create(access.GetPrimaryKeyString());

        var error = await Assert.ThrowsAsync<AccessException>(() => access.CreateApiKeyAsync(
            new NewApiKey("old", [ApiKeyScope.Read], key.SecretHash, key.DisplayPrefix, DateTimeOffset.UtcNow.AddMinutes(-1), "user:u1")));
        Assert.Equal("expiresAt", error.Field);
    }

    [Fact]
    public async Task An_invitation_becomes_an_active_user_once_and_its_role_and_deactivation_take_effect()
    {
        var (access, _) = await NewTenantAsync();
        await access.InviteAsync("ana@acme.com", TenantRole.Analyst, "token-hash", DateTimeOffset.UtcNow.AddDays(7), "user:admin");

        var user = await access.AcceptInvitationAsync("token-hash", "Ana", "pw-hash");
        await Assert.ThrowsAsync<AccessException>(() => access.AcceptInvitationAsync("token-hash", "Ana again", "pw-hash"));

        Assert.Equal(TenantRole.Analyst, (await access.GetUserAccessAsync(user.Id))!.Role);
        Assert.Equal(user.Id, (await access.FindUserByEmailAsync("ANA@acme.com"))!.UserId);
        await access.ChangeRoleAsync(user.Id, TenantRole.Sales);
        Assert.Equal(TenantRole.Sales, (await access.GetUserAccessAsync(user.Id))!.Role);
        await access.DeactivateUserAsync(user.Id);
        Assert.Null(await access.GetUserAccessAsync(user.Id));
        Assert.Null(await access.FindUserByEmailAsync("ana@acme.com"));
    }

    [Fact]
    public async Task The_last_active_admin_cannot_be_demoted_or_deactivated()
    {
        var (access, _) = await NewTenantAsync();
        var admin = (await access.ListUsersAsync()).Single();

        await Assert.ThrowsAsync<AccessException>(() => access.ChangeRoleAsync(admin.Id, TenantRole.Analyst));
        await Assert.ThrowsAsync<AccessException>(() => access.DeactivateUserAsync(admin.Id));
    }

    [Fact]
    public async Task An_expired_invitation_is_refused()
    {
        var (access, _) = await NewTenantAsync();
        await access.InviteAsync("late@acme.com", TenantRole.Sales, "late-hash", DateTimeOffset.UtcNow.AddMilliseconds(-1), "user:admin");

        var error = await Assert.ThrowsAsync<AccessException>(() => access.AcceptInvitationAsync("late-hash", "Late", "pw"));
        Assert.Contains("expired", error.Message);
    }
}

using Crm.Tests.Shared;
using Crm.Contracts.Tenants;
using Crm.Gateway.Authentication;
using Microsoft.Extensions.Caching.Memory;

namespace Gateway.Tests.Authentication;

public sealed class TenantGrainApiKeyVerifierTests
{
    private readonly FakeTenants _tenants = new();
    private readonly TenantGrainApiKeyVerifier _verifier;

    public TenantGrainApiKeyVerifierTests() =>
        _verifier = new TenantGrainApiKeyVerifier(FakeGrainFactory.Create((_, key) => new FakeTenant(_tenants, key)), new MemoryCache(new MemoryCacheOptions { SizeLimit = 100 }));

    [Fact]
    public async Task The_tenant_named_in_the_key_checks_the_hash_of_its_secret()
    {
        var key = ApiKey.Create(TenantIds.New());
        _tenants.LiveHashes[key.TenantId] = key.SecretHash;

        Assert.True(await _verifier.IsValidAsync(key, default));
        Assert.False(await _verifier.IsValidAsync(ApiKey.Create(key.TenantId), default));
        // A valid secret presented under another tenant's id is not valid there.
        Assert.False(await _verifier.IsValidAsync(key with { TenantId = TenantIds.New() }, default));
    }

    [Fact]
    public async Task An_accepted_key_is_remembered_so_a_busy_client_costs_one_grain_call()
    {
        var key = ApiKey.Create(TenantIds.New());
        _tenants.LiveHashes[key.TenantId] = key.SecretHash;

        for (var i = 0; i < 5; i++)
            Assert.True(await _verifier.IsValidAsync(key, default));

        Assert.Equal(1, _tenants.Calls);
    }

    [Fact]
    public async Task A_key_whose_tenant_id_is_malformed_never_reaches_a_grain()
    {
        Assert.False(await _verifier.IsValidAsync(new ApiKey("../../etc", "secret"), default));
        Assert.Equal(0, _tenants.Calls);
    }

    private sealed class FakeTenants
    {
        public Dictionary<string, string> LiveHashes { get; } = [];
        public int Calls;
    }

    private sealed class FakeTenant(FakeTenants owner, string tenantId) : ITenantGrain
    {
        public Task<bool> VerifyApiKeyAsync(string apiKeySecretHash)
        {
            Interlocked.Increment(ref owner.Calls);
            return Task.FromResult(owner.LiveHashes.GetValueOrDefault(tenantId) == apiKeySecretHash);
        }

        public Task<TenantSummary> RegisterAsync(TenantRegistration registration) => throw new NotSupportedException();
        public Task<TenantSummary?> GetAsync() => throw new NotSupportedException();
        public Task<TenantSettings> GetSettingsAsync() => throw new NotSupportedException();
        public Task<TenantSettings> UpdateSettingsAsync(TenantSettingsPatch patch) => throw new NotSupportedException();
    }
}

using Crm.Tests.Shared;
using Crm.Contracts.Tenants;
using Crm.Gateway.Authentication;
using Crm.Gateway.Cells;
using Microsoft.Extensions.Caching.Memory;

namespace Gateway.Tests.Authentication;

public sealed class TenantGrainApiKeyVerifierTests
{
    private readonly FakeTenants _tenants = new();
    private readonly TenantGrainApiKeyVerifier _verifier;

    public TenantGrainApiKeyVerifierTests() =>
        _verifier = new TenantGrainApiKeyVerifier(new OneCell(FakeGrainFactory.Create((_, key) => new FakeTenant(_tenants, key))), new MemoryCache(new MemoryCacheOptions { SizeLimit = 100 }));

    [Fact]
    public async Task The_key_is_checked_in_the_cell_the_directory_places_the_tenant_in()
    {
        var moved = ApiKey.Create(TenantIds.New());
        var cell2 = new FakeTenants();
        cell2.LiveHashes[moved.TenantId] = moved.SecretHash;
        var cells = new Dictionary<string, IGrainFactory>
        {
            ["cell-1"] = FakeGrainFactory.Create((_, key) => new FakeTenant(_tenants, key)),
            ["cell-2"] = FakeGrainFactory.Create((_, key) => new FakeTenant(cell2, key)),
        };
        var verifier = new TenantGrainApiKeyVerifier(new PlacedCells(cells, tenantId => tenantId == moved.TenantId ? "cell-2" : "cell-1"),
            new MemoryCache(new MemoryCacheOptions { SizeLimit = 100 }));

        Assert.True(await verifier.IsValidAsync(moved, default));
        Assert.Equal((0, 1), (_tenants.Calls, cell2.Calls));
    }

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

    private sealed class OneCell(IGrainFactory grains) : ICellClients
    {
        public IGrainFactory ForCell(string cell) => grains;
        public IGrainFactory ForTenant(string tenantId) => grains;
    }

    private sealed class PlacedCells(IReadOnlyDictionary<string, IGrainFactory> cells, Func<string, string> cellOf) : ICellClients
    {
        public IGrainFactory ForCell(string cell) => cells[cell];
        public IGrainFactory ForTenant(string tenantId) => cells[cellOf(tenantId)];
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

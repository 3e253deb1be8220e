using System.Reflection;
using Crm.Contracts.Tenants;
using Crm.Contracts.Tenants.Access;
using Crm.Contracts.Tenants.Plans;
using Crm.Gateway.Authentication;
using Crm.Gateway.Cells;
using Crm.Tests.Shared;
using Microsoft.Extensions.Caching.Memory;

namespace Gateway.Tests.Authentication;

public sealed class GrainTenantCredentialsTests
{
    private readonly FakeAccess _access = new();
    private readonly GrainTenantCredentials _credentials;

    public GrainTenantCredentialsTests() => _credentials = new GrainTenantCredentials(
        new OneCell(FakeGrainFactory.Create((_, tenantId) => _access.For(tenantId))), new MemoryCache(new MemoryCacheOptions { SizeLimit = 100 }), TimeProvider.System);

    [Fact]
    public async Task The_tenant_named_in_the_key_checks_the_hash_of_its_secret()
    {
        var key = ApiKey.Create(TenantIds.New());
        _access.LiveKeys[(key.TenantId, key.SecretHash)] = new KeyAccess("k1", [ApiKeyScope.Read], null, TenantPlan.Pro);

        Assert.Equal("k1", (await _credentials.VerifyKeyAsync(key, default))?.KeyId);
        Assert.Null(await _credentials.VerifyKeyAsync(ApiKey.Create(key.TenantId), default));
        // A valid secret presented under another tenant's id is not valid there.
        Assert.Null(await _credentials.VerifyKeyAsync(key with { TenantId = TenantIds.New() }, default));
    }

    [Fact]
    public async Task An_accepted_key_is_remembered_so_a_busy_client_costs_one_grain_call()
    {
        var key = ApiKey.Create(TenantIds.New());
        _access.LiveKeys[(key.TenantId, key.SecretHash)] = new KeyAccess("k1", [ApiKeyScope.Read], null, TenantPlan.Pro);

        for (var i = 0; i < 5; i++)
            Assert.NotNull(await _credentials.VerifyKeyAsync(key, default));

        Assert.Equal(1, _access.Calls);
    }

    [Fact]
    public async Task A_revocation_notice_makes_the_next_request_ask_again_and_be_refused()
    {
        var key = ApiKey.Create(TenantIds.New());
        _access.LiveKeys[(key.TenantId, key.SecretHash)] = new KeyAccess("k1", [ApiKeyScope.Write], null, TenantPlan.Pro);
        Assert.NotNull(await _credentials.VerifyKeyAsync(key, default));

        _access.LiveKeys.Clear();
        _credentials.Forget(RevokedCredential.Key(key.TenantId, key.SecretHash));

        Assert.Null(await _credentials.VerifyKeyAsync(key, default));
        Assert.Equal(2, _access.Calls);
    }

    [Fact]
    public async Task A_key_that_expires_soon_is_remembered_only_until_it_expires()
    {
        var key = ApiKey.Create(TenantIds.New());
        _access.LiveKeys[(key.TenantId, key.SecretHash)] = new KeyAccess("k1", [ApiKeyScope.Read], DateTimeOffset.UtcNow.AddMilliseconds(-1), TenantPlan.Pro);

        await _credentials.VerifyKeyAsync(key, default);
        await _credentials.VerifyKeyAsync(key, default);

        Assert.Equal(2, _access.Calls);
    }

    [Fact]
    public async Task A_key_whose_tenant_id_is_malformed_never_reaches_a_grain()
    {
        Assert.Null(await _credentials.VerifyKeyAsync(new ApiKey("../../etc", "secret"), default));
        Assert.Null(await _credentials.VerifyUserAsync("../../etc", "u1", default));
        Assert.Equal(0, _access.Calls);
    }

    /// <summary>Every tenant in one cell.</summary>
    private sealed class OneCell(IGrainFactory grains) : ICellClients
    {
        public IGrainFactory ForCell(string cell) => grains;

        public IGrainFactory ForTenant(string tenantId) => grains;
    }

    /// <summary>Tenant access grains that know only the keys put into <see cref="LiveKeys"/>.</summary>
    private sealed class FakeAccess
    {
        public Dictionary<(string Tenant, string Hash), KeyAccess> LiveKeys { get; } = [];
        public int Calls;

        public ITenantAccessGrain For(string tenantId)
        {
            var grain = DispatchProxy.Create<ITenantAccessGrain, Grain>();
            ((Grain)(object)grain).Setup(this, tenantId);
            return grain;
        }

        public class Grain : DispatchProxy
        {
            private FakeAccess _owner = null!;
            private string _tenantId = "";

            public void Setup(FakeAccess owner, string tenantId) => (_owner, _tenantId) = (owner, tenantId);

            protected override object? Invoke(MethodInfo? method, object?[]? args)
            {
                Interlocked.Increment(ref _owner.Calls);
                return method?.Name switch
                {
                    nameof(ITenantAccessGrain.VerifyApiKeyAsync) => Task.FromResult(_owner.LiveKeys.GetValueOrDefault((_tenantId, (string)args![0]!))),
                    nameof(ITenantAccessGrain.GetUserAccessAsync) => Task.FromResult<UserAccess?>(null),
                    _ => throw new NotSupportedException(method?.Name),
                };
            }
        }
    }
}

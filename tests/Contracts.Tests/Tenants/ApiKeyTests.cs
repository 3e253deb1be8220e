using Crm.Contracts.Tenants;

namespace Contracts.Tests.Tenants;

public sealed class ApiKeyTests
{
    [Fact]
    public void A_created_key_prints_and_parses_back_to_itself()
    {
        var key = ApiKey.Create(TenantIds.New());

        Assert.True(ApiKey.TryParse(key.ToString(), out var parsed));
        Assert.Equal(key, parsed);
        Assert.StartsWith($"crm_{key.TenantId}_", key.ToString());
    }

    [Fact]
    public void Secrets_are_random_and_only_their_hash_is_compared()
    {
        var tenantId = TenantIds.New();
        var first = ApiKey.Create(tenantId);
        var second = ApiKey.Create(tenantId);

        Assert.NotEqual(first.Secret, second.Secret);
        Assert.Equal(64, first.SecretHash.Length);
        Assert.Equal(ApiKey.HashSecret(first.Secret), first.SecretHash);
        Assert.DoesNotContain(first.Secret, first.SecretHash);
    }

    [Fact]
    public void A_secret_may_contain_underscores()
    {
        Assert.True(ApiKey.TryParse("crm_abc_se_cr_et", out var key));
        Assert.Equal(new ApiKey("abc", "se_cr_et"), key);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("crm_")]
    [InlineData("crm_tenant")]
    [InlineData("crm_tenant_")]
    [InlineData("crm__secret")]
    [InlineData("xyz_tenant_secret")]
    public void Anything_else_is_not_a_key(string? text)
    {
        Assert.False(ApiKey.TryParse(text, out _));
    }

    [Fact]
    public void Tenant_ids_are_32_lowercase_hex_digits()
    {
        Assert.True(TenantIds.IsValid(TenantIds.New()));
        Assert.False(TenantIds.IsValid("../../etc"));
        Assert.False(TenantIds.IsValid("ABCDEF0123456789ABCDEF0123456789"));
        Assert.False(TenantIds.IsValid(null));
    }
}

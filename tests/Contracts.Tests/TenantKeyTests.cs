using Crm.Contracts;

namespace Contracts.Tests;

public sealed class TenantKeyTests
{
    [Fact]
    public void A_key_puts_the_tenant_first_and_parses_back()
    {
        var key = TenantKey.For("tenant1", "customer9");

        Assert.Equal("tenant1/customer9", key);
        Assert.Equal(("tenant1", "customer9"), TenantKey.Parse(key));
    }

    [Theory]
    [InlineData("", "x")]
    [InlineData("t", "")]
    [InlineData("t/1", "x")]
    [InlineData("t", "x/../other")]
    public void A_part_that_could_reach_into_another_key_is_refused(string tenantId, string id)
    {
        Assert.Throws<ArgumentException>(() => TenantKey.For(tenantId, id));
    }

    [Theory]
    [InlineData("no-separator")]
    [InlineData("/leading")]
    [InlineData("trailing/")]
    [InlineData("a/b/c")]
    public void A_malformed_key_does_not_parse(string key)
    {
        Assert.Throws<FormatException>(() => TenantKey.Parse(key));
    }
}

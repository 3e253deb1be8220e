using Crm.GraphQL.Tenants;

namespace GraphQL.Tests.Tenants;

public sealed class SlugsTests
{
    [Theory]
    [InlineData("Acme", "acme")]
    [InlineData("Acme Göteborg AB", "acme-goteborg-ab")]
    [InlineData("  --Ünïcode & Co.--  ", "unicode-co")]
    [InlineData("北京贸易", Slugs.Fallback)]
    [InlineData("A/B\\C..D", "a-b-c-d")]
    public void A_company_name_becomes_a_url_safe_slug(string name, string slug) => Assert.Equal(slug, Slugs.From(name));

    [Fact]
    public void A_slug_is_never_longer_than_the_limit_nor_ends_in_a_dash()
    {
        var slug = Slugs.From(string.Join(' ', Enumerable.Repeat("word", 50)));

        Assert.True(slug.Length <= Slugs.MaxLength);
        Assert.False(slug.EndsWith('-'));
    }

    [Fact]
    public void Taken_slugs_are_followed_by_numbered_candidates()
    {
        Assert.Equal(["acme", "acme-2", "acme-3"], Slugs.Candidates("acme", 3));
    }
}

using Crm.GraphQL.Tenants;

namespace GraphQL.Tests.Tenants;

public sealed class TenantSignupRulesTests
{
    [Fact]
    public void A_complete_sign_up_has_no_errors()
    {
        Assert.Empty(TenantSignupRules.Validate(new TenantSignupRequest("Acme", "admin@acme.com", "long enough phrase")));
    }

    [Fact]
    public void Every_bad_field_is_reported_at_once()
    {
        var errors = TenantSignupRules.Validate(new TenantSignupRequest(null, "nope", "short"));

        Assert.Equal(["adminEmail", "companyName", "password"], errors.Keys.Order());
    }

    [Fact]
    public void Limits_are_enforced_on_both_ends()
    {
        var tooLong = TenantSignupRules.Validate(new TenantSignupRequest(
            new string('x', TenantSignupRules.MaxCompanyNameLength + 1), "a@b.co", string.Concat(Enumerable.Repeat("pass", PasswordRules.MaxLength))));

        Assert.Contains("at most", tooLong["companyName"][0]);
        Assert.Contains("at most", tooLong["password"][0]);
    }

    [Theory]
    [InlineData("aaaaaaaaaaaa", "too few different")]
    [InlineData("password123", "most common")]
    [InlineData("short", "at least")]
    public void Weak_passwords_are_refused_with_the_reason(string password, string reason)
    {
        Assert.Contains(reason, PasswordRules.Check(password));
        Assert.Null(PasswordRules.Check("correct horse battery"));
    }

    [Fact]
    public void An_unknown_plan_is_refused_and_the_known_ones_are_accepted()
    {
        Assert.Contains("plan", TenantSignupRules.Validate(new TenantSignupRequest("Acme", "admin@acme.com", "long enough phrase", "platinum")).Keys);
        foreach (var plan in new[] { "free", "PRO", "enterprise" })
            Assert.Empty(TenantSignupRules.Validate(new TenantSignupRequest("Acme", "admin@acme.com", "long enough phrase", plan)));
    }
}

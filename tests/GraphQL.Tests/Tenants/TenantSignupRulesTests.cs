using Crm.GraphQL.Tenants;

namespace GraphQL.Tests.Tenants;

public sealed class TenantSignupRulesTests
{
    [Fact]
    public void A_complete_sign_up_has_no_errors()
    {
        Assert.Empty(TenantSignupRules.Validate(new TenantSignupRequest("Acme", "admin@acme.com", "long enough")));
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
            new string('x', TenantSignupRules.MaxCompanyNameLength + 1), "a@b.co", new string('p', TenantSignupRules.MaxPasswordLength + 1)));

        Assert.Contains("at most", tooLong["companyName"][0]);
        Assert.Contains("at most", tooLong["password"][0]);
    }
}

using Crm.Contracts.Customers;
using Crm.Contracts.Tenants;
using Crm.CustomerSilo.Standardization;
using Microsoft.Extensions.Time.Testing;

namespace CustomerSilo.Tests.Standardization;

public sealed class CustomerStandardizerTests
{
    private static readonly FakeTimeProvider Clock = new(new DateTimeOffset(2026, 12, 1, 12, 0, 0, TimeSpan.Zero));

    private static CustomerStandardizer For(string country = "US") => new(TenantSettings.Defaults with { DefaultCountry = country }, Clock);

    private static InvalidCustomerException Refused(CustomerDetails details, string country = "US") =>
        Assert.Throws<InvalidCustomerException>(() => For(country).Standardize(details));

    [Fact]
    public void Names_are_trimmed_and_inner_spaces_collapsed()
    {
        Assert.Equal("Ada King Lovelace", For().Standardize(new CustomerDetails("  Ada   King\tLovelace ")).Name);
    }

    [Fact]
    public void A_blank_or_overlong_name_is_refused_on_the_name_field()
    {
        Assert.Equal("name", Refused(new CustomerDetails("   ")).Field);
        Assert.Equal("name", Refused(new CustomerDetails(new string('x', 201))).Field);
    }

    [Fact]
    public void Emails_are_lower_cased_and_malformed_ones_refused()
    {
        Assert.Equal("ada@example.com", For().Standardize(new CustomerDetails("Ada", " Ada@Example.COM ")).Email);
        foreach (var bad in new[] { "bob-at-example", "bob@localhost", "a b@example.com", "@example.com" })
        {
            var error = Refused(new CustomerDetails("Bob", bad));
            Assert.Equal("email", error.Field);
            Assert.Contains(bad, error.Message);
        }
    }

    [Theory]
    [InlineData("US", "(201) 555-0123", "+12015550123")]
    [InlineData("US", "+49 30 123456", "+4930123456")]
    [InlineData("DE", "030 123456", "+4930123456")]
    [InlineData("GB", "020 7946 0018", "+442079460018")]
    public void Phones_become_E164_reading_local_numbers_in_the_tenants_country(string country, string raw, string e164)
    {
        Assert.Equal(e164, For(country).Standardize(new CustomerDetails("Ada", Phone: raw)).Phone);
    }

    [Theory]
    [InlineData("12")]
    [InlineData("not a phone")]
    [InlineData("+1 000 000 0000")]
    public void A_number_that_is_not_a_phone_is_refused_on_the_phone_field(string raw)
    {
        var error = Refused(new CustomerDetails("Ada", Phone: raw));
        Assert.Equal("phone", error.Field);
        Assert.Contains(raw, error.Message);
    }

    [Fact]
    public void Addresses_are_normalized_and_countries_become_ISO_codes()
    {
        var address = For().Standardize(new CustomerDetails("Ada", Address: new PostalAddress(" germany ", " Berlin ", "  Berlin  Mitte ", "Unter den  Linden 1", " 10117 "))).Address;

        Assert.Equal(new PostalAddress("DE", "Berlin", "Berlin Mitte", "Unter den Linden 1", "10117"), address);
        Assert.Equal("FR", For().Standardize(new CustomerDetails("Ada", Address: new PostalAddress("fr"))).Address!.Country);
        Assert.Equal("address.country", Refused(new CustomerDetails("Ada", Address: new PostalAddress("Atlantis"))).Field);
    }

    [Fact]
    public void Tags_are_lower_cased_distinct_and_blank_ones_dropped()
    {
        Assert.Equal(["vip", "newsletter"], For().Standardize(new CustomerDetails("Ada", Tags: ["VIP", " vip ", "", "Newsletter"])).Tags);
    }

    [Fact]
    public void Custom_field_names_must_be_identifiers()
    {
        var fields = For().Standardize(new CustomerDetails("Ada", CustomFields: new Dictionary<string, string> { ["loyaltyId"] = "L-1" })).CustomFields!;
        Assert.Equal("L-1", fields["loyaltyId"]);
        Assert.Equal("customFields", Refused(new CustomerDetails("Ada", CustomFields: new Dictionary<string, string> { ["1 bad"] = "x" })).Field);
    }

    [Fact]
    public void A_birthday_in_the_future_is_refused()
    {
        Assert.Equal("birthday", Refused(new CustomerDetails("Ada", Birthday: new DateOnly(2027, 1, 1))).Field);
    }

    [Fact]
    public void A_patch_changes_only_what_it_names_and_an_empty_string_clears()
    {
        var current = For().Standardize(new CustomerDetails("Ada", "ada@example.com", "+12015550123", Tags: ["vip"]));

        var patched = For().Apply(current, new CustomerPatch(Email: "ADA@new.example.com", Phone: ""));

        Assert.Equal(("Ada", "ada@new.example.com", (string?)null), (patched.Name, patched.Email, patched.Phone));
        Assert.Equal(["vip"], patched.Tags);
    }
}

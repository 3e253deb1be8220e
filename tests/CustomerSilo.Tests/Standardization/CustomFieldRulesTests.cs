using Crm.Contracts.Customers;
using Crm.Contracts.Tenants;
using Crm.CustomerSilo.Standardization;
using Microsoft.Extensions.Time.Testing;

namespace CustomerSilo.Tests.Standardization;

/// <summary>Custom fields the tenant defines: the definitions it may give, and the values its customers may hold.</summary>
public sealed class CustomFieldRulesTests
{
    private static readonly FakeTimeProvider Clock = new(new DateTimeOffset(2026, 12, 1, 12, 0, 0, TimeSpan.Zero));

    private static readonly IReadOnlyList<CustomFieldDefinition> Defined = CustomFieldRules.Definitions([
        new("score", "Credit score", CustomFieldType.Number),
        new("renewal", "", CustomFieldType.Date),
        new("vip", "VIP", CustomFieldType.Boolean),
        new("segment", "Segment", CustomFieldType.Choice, [" Retail ", "Wholesale", "retail", ""]),
        new("notes", "Notes", CustomFieldType.Text),
    ]);

    private static CustomerStandardizer With(IReadOnlyList<CustomFieldDefinition>? fields) =>
        new(TenantSettings.Defaults with { CustomFields = fields }, Clock);

    private static CustomerDetails Customer(params (string Key, string Value)[] fields) =>
        new("Ada", CustomFields: fields.ToDictionary(f => f.Key, f => f.Value));

    [Fact]
    public void Definitions_are_kept_with_a_label_and_distinct_trimmed_choices()
    {
        Assert.Equal("renewal", Defined[1].Label);
        Assert.Equal(["Retail", "Wholesale"], Defined[3].Choices!);
        Assert.Null(Defined[0].Choices);
    }

    [Theory]
    [InlineData("9lives", CustomFieldType.Text, null, "customFields.0.key")]
    [InlineData("pick", CustomFieldType.Choice, null, "customFields.0.choices")]
    [InlineData("score", CustomFieldType.Number, "high", "customFields.0.choices")]
    public void A_bad_definition_is_refused_on_its_own_field(string key, CustomFieldType type, string? choice, string field)
    {
        var error = Assert.Throws<InvalidTenantSettingsException>(() =>
            CustomFieldRules.Definitions([new(key, key, type, choice is null ? null : [choice])]));

        Assert.Equal(field, error.Field);
    }

    [Fact]
    public void A_key_defined_twice_is_refused_on_the_second()
    {
        var error = Assert.Throws<InvalidTenantSettingsException>(() =>
            CustomFieldRules.Definitions([new("vip", "VIP", CustomFieldType.Boolean), new("vip", "Again", CustomFieldType.Text)]));

        Assert.Equal("customFields.1.key", error.Field);
    }

    [Fact]
    public void Values_of_defined_fields_are_stored_in_their_types_standard_form_and_blanks_left_out()
    {
        var fields = With(Defined).Standardize(Customer(
            ("score", " 0712.50 "), ("renewal", "2027-03-01"), ("vip", "Yes"), ("segment", "WHOLESALE"), ("notes", "likes tea"))).CustomFields!;

        Assert.Equal(new Dictionary<string, string> { ["notes"] = "likes tea", ["renewal"] = "2027-03-01", ["score"] = "712.50", ["segment"] = "Wholesale", ["vip"] = "true" }, fields);
        Assert.Empty(With(Defined).Standardize(Customer(("score", "  "))).CustomFields!);
    }

    [Theory]
    [InlineData("score", "lots")]
    [InlineData("renewal", "01/03/2027")]
    [InlineData("vip", "maybe")]
    [InlineData("segment", "Government")]
    public void A_value_its_type_cannot_read_is_refused_on_that_field(string key, string value)
    {
        var error = Assert.Throws<InvalidCustomerException>(() => With(Defined).Standardize(Customer((key, value))));

        Assert.Equal($"customFields.{key}", error.Field);
        Assert.Contains(value, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Once_the_tenant_defines_fields_an_undefined_one_is_refused_naming_the_defined_ones()
    {
        var error = Assert.Throws<InvalidCustomerException>(() => With(Defined).Standardize(Customer(("shoeSize", "42"))));

        Assert.Equal("customFields.shoeSize", error.Field);
        Assert.Contains("score, renewal, vip, segment, notes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_definitions_custom_fields_stay_free_form()
    {
        Assert.Equal("42", With(null).Standardize(Customer(("shoeSize", "42"))).CustomFields!["shoeSize"]);
        Assert.Equal("42", With([]).Standardize(Customer(("shoeSize", "42"))).CustomFields!["shoeSize"]);
    }

    [Fact]
    public void A_change_that_writes_no_custom_fields_keeps_stored_ones_the_tenant_no_longer_defines()
    {
        var stored = With(null).Standardize(Customer(("shoeSize", "42")));

        var renamed = With(Defined).Apply(stored, new CustomerPatch(Name: "Ada Lovelace"));

        Assert.Equal(("Ada Lovelace", "42"), (renamed.Name, renamed.CustomFields!["shoeSize"]));
        Assert.Throws<InvalidCustomerException>(() => With(Defined).Apply(stored, new CustomerPatch(CustomFields: stored.CustomFields)));
    }
}

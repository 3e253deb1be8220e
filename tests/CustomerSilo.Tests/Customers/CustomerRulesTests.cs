using Crm.Contracts.Customers;
using Crm.CustomerSilo.Customers;

namespace CustomerSilo.Tests.Customers;

public sealed class CustomerRulesTests
{
    [Fact]
    public void A_valid_customer_is_trimmed()
    {
        var customer = CustomerRules.Normalize(new NewCustomer("  Ada Lovelace ", " ada@example.com "));

        Assert.Equal(new NewCustomer("Ada Lovelace", "ada@example.com"), customer);
    }

    [Theory]
    [InlineData("", "ada@example.com", "needs a name")]
    [InlineData("   ", "ada@example.com", "needs a name")]
    [InlineData("Ada", "ada-at-example.com", "not an email address")]
    [InlineData("Ada", "Ada <ada@example.com>", "not an email address")]
    [InlineData("Ada", "ada@localhost", "not an email address")]
    [InlineData("Ada", "", "not an email address")]
    public void A_broken_rule_is_refused_with_a_message_that_names_it(string name, string email, string expected)
    {
        var error = Assert.Throws<InvalidCustomerException>(() => CustomerRules.Normalize(new NewCustomer(name, email)));

        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void A_name_longer_than_the_limit_is_refused()
    {
        var error = Assert.Throws<InvalidCustomerException>(() =>
            CustomerRules.Normalize(new NewCustomer(new string('a', CustomerRules.MaxNameLength + 1), "a@example.com")));

        Assert.Contains($"at most {CustomerRules.MaxNameLength}", error.Message);
    }
}

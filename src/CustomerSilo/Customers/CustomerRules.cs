using System.Net.Mail;
using Crm.Contracts.Customers;

namespace Crm.CustomerSilo.Customers;

/// <summary>The rules a customer's profile must keep, checked before anything is stored.</summary>
public static class CustomerRules
{
    public const int MaxNameLength = 200;
    public const int MaxEmailLength = 254; // RFC 5321's limit on a forward path

    public static NewCustomer Normalize(NewCustomer customer)
    {
        var name = customer.Name?.Trim() ?? "";
        if (name.Length == 0)
            throw new InvalidCustomerException("A customer needs a name.");
        if (name.Length > MaxNameLength)
            throw new InvalidCustomerException($"A customer's name may have at most {MaxNameLength} characters; this one has {name.Length}.");

        var email = customer.Email?.Trim() ?? "";
        if (email.Length > MaxEmailLength || !MailAddress.TryCreate(email, out var address) || address.Address != email || !address.Host.Contains('.'))
            throw new InvalidCustomerException($"'{customer.Email}' is not an email address like name@example.com.");
        return new NewCustomer(name, email);
    }
}

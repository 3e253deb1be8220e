namespace Crm.Contracts.Customers;

[GenerateSerializer, Alias("crm.CustomerAlreadyExistsException")]
public sealed class CustomerAlreadyExistsException(string message) : Exception(message);

/// <summary>The call named a customer that does not exist (or no longer does).</summary>
[GenerateSerializer, Alias("crm.CustomerNotFoundException")]
public sealed class CustomerNotFoundException(string message) : Exception(message);

/// <summary>
/// The tenant's input broke a rule; <see cref="Field"/> names the input field ("email", "address.country") so a
/// client can show the message beside it. Nothing of the call was stored.
/// </summary>
[GenerateSerializer, Alias("crm.InvalidCustomerException")]
public sealed class InvalidCustomerException(string field, string message) : Exception(message)
{
    [Id(0)] public string Field { get; } = field;
}

using System.Globalization;
using Crm.Contracts.Customers;

namespace Crm.GraphQL.Customers;

/// <summary>Reads the coerced input objects of the customer mutations into the grain's contracts.</summary>
public sealed class CustomerInputs(IReadOnlyDictionary<string, object?> input)
{
    public bool Has(string name) => input.ContainsKey(name);

    public string? String(string name) => input.GetValueOrDefault(name) as string;

    public string RequiredString(string name) => String(name) ?? "";

    public int? Int(string name) => input.GetValueOrDefault(name) is { } value ? Convert.ToInt32(value, CultureInfo.InvariantCulture) : null;

    public decimal Decimal(string name) => Convert.ToDecimal(input.GetValueOrDefault(name) ?? 0m, CultureInfo.InvariantCulture);

    public DateTimeOffset? Instant(string name) => input.GetValueOrDefault(name) as DateTimeOffset?;

    public DateOnly? Date(string name) => input.GetValueOrDefault(name) as DateOnly?;

    /// <summary>A GraphQL enum value (SERVICE_REQUEST) as the CLR enum member of the same words (ServiceRequest).</summary>
    public T? Enum<T>(string name) where T : struct, System.Enum =>
        input.GetValueOrDefault(name) is string text ? System.Enum.Parse<T>(text.Replace("_", ""), ignoreCase: true) : null;

    public IReadOnlyList<string>? Strings(string name) =>
        input.GetValueOrDefault(name) is IEnumerable<object?> items ? [.. items.Select(i => i as string ?? "")] : null;

    public PostalAddress? Address(string name)
    {
        if (input.GetValueOrDefault(name) is not IReadOnlyDictionary<string, object?> fields)
            return null;
        var address = new CustomerInputs(fields);
        return new PostalAddress(address.String("country"), address.String("region"), address.String("city"), address.String("line"), address.String("postalCode"));
    }

    /// <summary>A JSON object of custom fields; values that are not strings are kept as their JSON text.</summary>
    public IReadOnlyDictionary<string, string>? CustomFields(string name)
    {
        if (!input.TryGetValue(name, out var value) || value is null)
            return null;
        if (value is not IEnumerable<KeyValuePair<string, object?>> fields)
            throw new InvalidCustomerException(name, "customFields must be a JSON object of field names to values.");
        return fields.ToDictionary(f => f.Key, f => f.Value switch
        {
            null => "",
            string s => s,
            IFormattable n => n.ToString(null, CultureInfo.InvariantCulture),
            var other => System.Text.Json.JsonSerializer.Serialize(other),
        });
    }

    public CustomerDetails Details() => new(
        RequiredString("name"), String("email"), String("phone"), Date("birthday"), String("gender"), String("ageBand"),
        String("incomeBand"), Address("address"), Enum<Channel>("sourceChannel"), Strings("tags"), CustomFields("customFields"), String("ownerId"));

    public CustomerPatch Patch() => new(
        String("name"), String("email"), String("phone"), Date("birthday"), String("gender"), String("ageBand"),
        String("incomeBand"), Address("address"), Enum<Channel>("sourceChannel"), Strings("tags"), CustomFields("customFields"), String("ownerId"));
}

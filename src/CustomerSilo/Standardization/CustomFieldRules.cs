using System.Globalization;
using System.Text.RegularExpressions;
using Crm.Contracts.Customers;
using Crm.Contracts.Tenants;

namespace Crm.CustomerSilo.Standardization;

/// <summary>
/// Custom fields: the definitions a tenant may give, and what a value written to a defined field must be. A tenant
/// that defines none keeps free-form custom fields (a name, any text); once it defines some, a customer's custom
/// fields are those, each value in its type's standard form.
/// </summary>
public static partial class CustomFieldRules
{
    public const int MaxChoices = 100;
    private const int MaxLabelLength = 100;

    public const string KeyRule = "use a letter, then letters, digits or '_', at most 40 in all";

    public static bool IsKey(string key) => Key().IsMatch(key);

    /// <summary>The definitions as the tenant's settings keep them; a bad one fails on its field ("customFields.2.key").</summary>
    public static IReadOnlyList<CustomFieldDefinition> Definitions(IReadOnlyList<CustomFieldDefinition> definitions)
    {
        if (definitions.Count > CustomerStandardizer.MaxCustomFields)
            throw new InvalidTenantSettingsException("customFields", $"A tenant may define at most {CustomerStandardizer.MaxCustomFields} custom fields, not {definitions.Count}.");
        var keys = new HashSet<string>(StringComparer.Ordinal);
        return [.. definitions.Select((definition, i) =>
        {
            var at = $"customFields.{i}";
            if (!IsKey(definition.Key ?? ""))
                throw new InvalidTenantSettingsException($"{at}.key", $"'{definition.Key}' is not a custom field name: {KeyRule}.");
            if (!keys.Add(definition.Key!))
                throw new InvalidTenantSettingsException($"{at}.key", $"'{definition.Key}' is defined twice.");
            var label = CustomerStandardizer.Collapse(definition.Label ?? "");
            if (label.Length > MaxLabelLength)
                throw new InvalidTenantSettingsException($"{at}.label", $"A label may have at most {MaxLabelLength} characters; this one has {label.Length}.");
            var choices = (definition.Choices ?? []).Select(c => CustomerStandardizer.Collapse(c ?? "")).Where(c => c.Length > 0)
                .Distinct(StringComparer.OrdinalIgnoreCase).ToList();
            if (definition.Type == CustomFieldType.Choice && choices.Count is 0 or > MaxChoices)
                throw new InvalidTenantSettingsException($"{at}.choices", $"A CHOICE field needs 1 to {MaxChoices} distinct choices; '{definition.Key}' has {choices.Count}.");
            if (definition.Type != CustomFieldType.Choice && choices.Count > 0)
                throw new InvalidTenantSettingsException($"{at}.choices", $"Only a CHOICE field has choices; '{definition.Key}' is {definition.Type.ToString().ToUpperInvariant()}.");
            return new CustomFieldDefinition(definition.Key!, label.Length > 0 ? label : definition.Key!, definition.Type,
                definition.Type == CustomFieldType.Choice ? choices : null);
        })];
    }

    /// <summary>The value in its type's standard form; a value the type cannot read fails on "customFields.{key}".</summary>
    public static string Value(CustomFieldDefinition definition, string raw)
    {
        var field = $"customFields.{definition.Key}";
        var value = raw.Trim();
        return definition.Type switch
        {
            CustomFieldType.Number => decimal.TryParse(value, NumberStyles.Number, CultureInfo.InvariantCulture, out var number)
                ? number.ToString(CultureInfo.InvariantCulture)
                : throw new InvalidCustomerException(field, $"'{raw}' is not a number for {definition.Label}; write it like 1234.5."),
            CustomFieldType.Date => DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
                ? date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
                : throw new InvalidCustomerException(field, $"'{raw}' is not a date for {definition.Label}; write it as yyyy-MM-dd."),
            CustomFieldType.Boolean => value.ToLowerInvariant() switch
            {
                "true" or "yes" or "1" => "true",
                "false" or "no" or "0" => "false",
                _ => throw new InvalidCustomerException(field, $"'{raw}' is not yes or no for {definition.Label}; write true or false."),
            },
            CustomFieldType.Choice => definition.Choices?.FirstOrDefault(c => string.Equals(c, CustomerStandardizer.Collapse(value), StringComparison.OrdinalIgnoreCase))
                ?? throw new InvalidCustomerException(field, $"'{raw}' is not a choice of {definition.Label}: {string.Join(", ", definition.Choices ?? [])}."),
            _ => value,
        };
    }

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_]{0,39}$")]
    private static partial Regex Key();
}

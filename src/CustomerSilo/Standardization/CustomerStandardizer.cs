using System.Net.Mail;
using System.Text.RegularExpressions;
using Crm.Contracts.Customers;
using Crm.Contracts.Tenants;

namespace Crm.CustomerSilo.Standardization;

/// <summary>
/// The one place a customer's details are checked and put in standard form, on every write and every import:
/// names trimmed, emails lower-cased and validated, phones in E.164 (the tenant's country by default), addresses
/// normalized, tags lower-cased and distinct. A value that cannot be standardized fails on its field.
/// </summary>
public sealed partial class CustomerStandardizer(TenantSettings settings, TimeProvider time)
{
    public const int MaxNameLength = 200;
    public const int MaxEmailLength = 254; // RFC 5321's limit on a forward path
    public const int MaxTags = 50;
    public const int MaxTagLength = 50;
    public const int MaxCustomFields = 50;
    public const int MaxTextLength = 1_000;
    private const int MaxShortText = 100;

    public CustomerDetails Standardize(CustomerDetails details) => Standardize(details, checkCustomFields: true);

    /// <param name="checkCustomFields">
    /// False when the call writes no custom fields: the stored ones pass as they are, so a field the tenant no longer
    /// defines does not block other changes.
    /// </param>
    private CustomerDetails Standardize(CustomerDetails details, bool checkCustomFields) => new(
        Name(details.Name),
        Optional(details.Email, Email),
        Optional(details.Phone, Phone),
        Birthday(details.Birthday),
        Optional(details.Gender, v => Short("gender", v).ToUpperInvariant()),
        Optional(details.AgeBand, v => Short("ageBand", v)),
        Optional(details.IncomeBand, v => Short("incomeBand", v)),
        details.Address is null ? null : Address(details.Address),
        details.SourceChannel,
        Tags(details.Tags ?? []),
        checkCustomFields ? CustomFields(details.CustomFields ?? new Dictionary<string, string>()) : details.CustomFields,
        Optional(details.OwnerId, v => Short("ownerId", v)));

    /// <summary>The details after the patch: null patch fields keep the current value, an empty string clears it.</summary>
    public CustomerDetails Apply(CustomerDetails current, CustomerPatch patch) => Standardize(new CustomerDetails(
        patch.Name ?? current.Name,
        Patched(current.Email, patch.Email),
        Patched(current.Phone, patch.Phone),
        patch.Birthday ?? current.Birthday,
        Patched(current.Gender, patch.Gender),
        Patched(current.AgeBand, patch.AgeBand),
        Patched(current.IncomeBand, patch.IncomeBand),
        patch.Address ?? current.Address,
        patch.SourceChannel ?? current.SourceChannel,
        patch.Tags ?? current.Tags,
        patch.CustomFields ?? current.CustomFields,
        Patched(current.OwnerId, patch.OwnerId)), checkCustomFields: patch.CustomFields is not null);

    /// <summary>Only the email and phone, as duplicate matching compares them.</summary>
    public (string? Email, string? Phone) MatchKeys(string? email, string? phone) => (Optional(email, Email), Optional(phone, Phone));

    public static string Collapse(string value) => Whitespace().Replace(value.Trim(), " ");

    private static string Name(string? raw)
    {
        var name = Collapse(raw ?? "");
        if (name.Length == 0)
            throw new InvalidCustomerException("name", "A customer needs a name.");
        if (name.Length > MaxNameLength)
            throw new InvalidCustomerException("name", $"A customer's name may have at most {MaxNameLength} characters; this one has {name.Length}.");
        return name;
    }

    private static string Email(string raw)
    {
        var email = raw.Trim().ToLowerInvariant();
        if (email.Length > MaxEmailLength || !MailAddress.TryCreate(email, out var address) || address.Address != email || !address.Host.Contains('.'))
            throw new InvalidCustomerException("email", $"'{raw}' is not an email address like name@example.com.");
        return email;
    }

    private string Phone(string raw) =>
        PhoneFormat.ToE164(raw, settings.DefaultCountry, out var error) ?? throw new InvalidCustomerException("phone", error!);

    private DateOnly? Birthday(DateOnly? birthday)
    {
        if (birthday is not { } day)
            return null;
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        if (day > today || day.Year < 1900)
            throw new InvalidCustomerException("birthday", $"A birthday of {day:yyyy-MM-dd} is not possible; give a date between 1900-01-01 and today.");
        return day;
    }

    private static PostalAddress? Address(PostalAddress address)
    {
        var country = Optional(address.Country, raw => Countries.ToCode(raw)
            ?? throw new InvalidCustomerException("address.country", $"'{raw}' is not a country; give its ISO code (\"DE\") or its English name."));
        var normalized = new PostalAddress(
            country,
            Optional(address.Region, v => Short("address.region", Collapse(v))),
            Optional(address.City, v => Short("address.city", Collapse(v))),
            Optional(address.Line, v => Text("address.line", Collapse(v))),
            Optional(address.PostalCode, v => Short("address.postalCode", Collapse(v).ToUpperInvariant())));
        return normalized == new PostalAddress() ? null : normalized;
    }

    private static IReadOnlyList<string> Tags(IReadOnlyList<string> tags)
    {
        var kept = tags.Select(t => Collapse(t ?? "").ToLowerInvariant()).Where(t => t.Length > 0).Distinct().ToList();
        if (kept.Count > MaxTags)
            throw new InvalidCustomerException("tags", $"A customer may have at most {MaxTags} tags; this one has {kept.Count}.");
        if (kept.FirstOrDefault(t => t.Length > MaxTagLength) is { } tooLong)
            throw new InvalidCustomerException("tags", $"A tag may have at most {MaxTagLength} characters; '{tooLong[..20]}…' has {tooLong.Length}.");
        return kept;
    }

    /// <summary>
    /// Free-form while the tenant defines no custom fields; else only its fields, each value in its type's standard
    /// form, and a blank value leaves the field out.
    /// </summary>
    private IReadOnlyDictionary<string, string> CustomFields(IReadOnlyDictionary<string, string> fields)
    {
        if (fields.Count > MaxCustomFields)
            throw new InvalidCustomerException("customFields", $"A customer may have at most {MaxCustomFields} custom fields; this one has {fields.Count}.");
        var definitions = settings.CustomFields ?? [];
        var kept = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in fields)
        {
            if (!CustomFieldRules.IsKey(key))
                throw new InvalidCustomerException("customFields", $"'{key}' is not a custom field name: {CustomFieldRules.KeyRule}.");
            if (definitions.Count == 0)
            {
                kept[key] = Text($"customFields.{key}", value ?? "");
                continue;
            }
            var definition = definitions.FirstOrDefault(d => d.Key == key)
                ?? throw new InvalidCustomerException($"customFields.{key}",
                    $"'{key}' is not one of the tenant's custom fields ({string.Join(", ", definitions.Select(d => d.Key))}); an admin defines them in the tenant's settings.");
            if (!string.IsNullOrWhiteSpace(value))
                kept[key] = CustomFieldRules.Value(definition, Text($"customFields.{key}", value));
        }
        return kept;
    }

    private static string Short(string field, string value) => Limit(field, value.Trim(), MaxShortText);
    private static string Text(string field, string value) => Limit(field, value, MaxTextLength);

    private static string Limit(string field, string value, int max) => value.Length <= max
        ? value
        : throw new InvalidCustomerException(field, $"'{field}' may have at most {max} characters; this one has {value.Length}.");

    /// <summary>Blank means absent; anything else goes through the field's rule.</summary>
    private static string? Optional(string? raw, Func<string, string> standardize) =>
        string.IsNullOrWhiteSpace(raw) ? null : standardize(raw);

    private static string? Patched(string? current, string? patch) => patch is null ? current : patch;

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

}

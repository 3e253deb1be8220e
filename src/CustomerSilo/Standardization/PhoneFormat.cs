using PhoneNumbers;

namespace Crm.CustomerSilo.Standardization;

/// <summary>Phone numbers in E.164, read with libphonenumber; a number without a country code is read as the tenant's country's.</summary>
public static class PhoneFormat
{
    private static readonly PhoneNumberUtil Util = PhoneNumberUtil.GetInstance();

    /// <summary>The number in E.164 ("+4930123456"), or null with the reason it is not a phone number.</summary>
    public static string? ToE164(string raw, string defaultCountry, out string? error)
    {
        error = null;
        try
        {
            var number = Util.Parse(raw, defaultCountry);
            if (Util.IsValidNumber(number))
                return Util.Format(number, PhoneNumberFormat.E164);
            error = $"'{raw}' is not a valid phone number in {Util.GetRegionCodeForNumber(number) ?? defaultCountry}; give it with its country code, like +1 201 555 0123.";
        }
        catch (NumberParseException e)
        {
            error = $"'{raw}' is not a phone number ({e.ErrorType}); give it with its country code, like +1 201 555 0123.";
        }
        return null;
    }

    /// <summary>The regions libphonenumber knows, which are the ISO 3166-1 alpha-2 codes a tenant's default country may take.</summary>
    public static bool IsKnownRegion(string code) => Util.GetSupportedRegions().Contains(code);
}

namespace Crm.CustomerReadModel.Duplicates;

/// <summary>
/// The forms emails and phones are matched in. The grain standardizes them already; this only makes sure that the
/// same address typed with other case or spacing still matches.
/// </summary>
internal static class DuplicateKeys
{
    public static string? Email(string? email) =>
        string.IsNullOrWhiteSpace(email) ? null : email.Trim().ToLowerInvariant();

    /// <summary>The leading + and the digits: "+1 (415) 555-0100" and "+14155550100" match.</summary>
    public static string? Phone(string? phone)
    {
        if (string.IsNullOrWhiteSpace(phone))
            return null;
        var trimmed = phone.Trim();
        var digits = new string(trimmed.Where(char.IsAsciiDigit).ToArray());
        if (digits.Length == 0)
            return null;
        return trimmed.StartsWith('+') ? "+" + digits : digits;
    }
}

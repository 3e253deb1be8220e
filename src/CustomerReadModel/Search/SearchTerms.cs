using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Crm.CustomerReadModel.Listings;

namespace Crm.CustomerReadModel.Search;

/// <summary>
/// The words the search index holds for a customer, and the words a query looks for. Both stores index these words
/// as they are (no parser of theirs sees the text), so any text a user types becomes plain terms and can never be read
/// as query syntax. Every term starts with a code of the tenant, so the index is tenant-scoped: one tenant's query only
/// ever reads that tenant's terms (and the row's tenant id is checked as well, in case two codes collide).
/// </summary>
internal static class SearchTerms
{
    /// <summary>A name word weighs this much more than a word of the email, phone, city or tags.</summary>
    public const double NameWeight = 10;

    /// <summary>"t" and 12 hex digits: the tenant's code, the fixed start of each of its terms.</summary>
    public const int TenantCodeLength = 13;

    public static string TenantCode(string tenantId) =>
        "t" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(tenantId)))[..(TenantCodeLength - 1)];

    /// <summary>The terms of the customer's name, and those of the rest (email, phone, city, tags).</summary>
    public static (IReadOnlyList<string> Name, IReadOnlyList<string> Other) Of(CustomerListing listing)
    {
        var code = TenantCode(listing.TenantId);
        var name = Words(listing.Name).Select(w => code + w).Distinct().ToList();
        var other = new List<string>();
        other.AddRange(Words(listing.Email));
        other.AddRange(Words(listing.City));
        foreach (var tag in listing.Tags)
            other.AddRange(Words(tag));
        other.AddRange(PhoneTerms(listing.Phone));
        return (name, other.Select(w => code + w).Distinct().Except(name).ToList());
    }

    /// <summary>
    /// The terms a query must all match, the last one as a prefix; empty when the text has no word. A text of digits and
    /// phone punctuation only ("+1 (415) 555-01") is one number.
    /// </summary>
    public static IReadOnlyList<string> Query(string tenantId, string text)
    {
        var code = TenantCode(tenantId);
        var words = LooksLikePhone(text) ? [new string(text.Where(char.IsAsciiDigit).ToArray())] : Words(text);
        return words.Select(w => code + w).ToList();
    }

    /// <summary>
    /// Lower-case letters and digits only, without diacritics ("José" is "jose"): everything else separates words.
    /// </summary>
    private static List<string> Words(string? text)
    {
        var words = new List<string>();
        if (string.IsNullOrEmpty(text))
            return words;
        var word = new StringBuilder();
        foreach (var c in text.Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
                continue;
            if (char.IsLetterOrDigit(c))
            {
                word.Append(char.ToLowerInvariant(c));
                continue;
            }
            Flush();
        }
        Flush();
        return words;

        void Flush()
        {
            if (word.Length > 0)
                words.Add(word.ToString().Normalize(NormalizationForm.FormC));
            word.Clear();
        }
    }

    /// <summary>
    /// The E.164 digits, and the same without a country code of one, two or three digits, so "4155550100" finds
    /// "+14155550100" too.
    /// </summary>
    private static IEnumerable<string> PhoneTerms(string? phone)
    {
        if (string.IsNullOrEmpty(phone))
            yield break;
        var digits = new string(phone.Where(char.IsAsciiDigit).ToArray());
        for (var skip = 0; skip <= 3 && digits.Length - skip >= 4; skip++)
            yield return digits[skip..];
    }

    private static bool LooksLikePhone(string text) =>
        text.Any(char.IsAsciiDigit) && text.All(c => char.IsAsciiDigit(c) || c is '+' or '-' or '(' or ')' or '.' or ' ');
}

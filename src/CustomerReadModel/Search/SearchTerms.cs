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

    // Writes come in runs of one tenant (an import, one silo's grains): remembering the last code saves a hash a row.
    // A class, so that readers on other threads see a whole pair or the previous one, never half of each.
    private static TenantCodeMemo _lastCode = new("", TenantCodeOf(""));

    public static string TenantCode(string tenantId)
    {
        var last = _lastCode;
        if (last.TenantId == tenantId)
            return last.Code;
        var code = TenantCodeOf(tenantId);
        _lastCode = new TenantCodeMemo(tenantId, code);
        return code;
    }

    private sealed record TenantCodeMemo(string TenantId, string Code);

    private static string TenantCodeOf(string tenantId) =>
        "t" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(tenantId)))[..(TenantCodeLength - 1)];

    /// <summary>The terms of the customer's name, and those of the rest (email, phone, city, tags), each list without repeats.</summary>
    public static (IReadOnlyList<string> Name, IReadOnlyList<string> Other) Of(CustomerListing listing)
    {
        var code = TenantCode(listing.TenantId);
        var name = new List<string>();
        AddWords(name, code, listing.Name);
        var other = new List<string>();
        AddWords(other, code, listing.Email);
        AddWords(other, code, listing.City);
        foreach (var tag in listing.Tags)
            AddWords(other, code, tag);
        if (Digits(listing.Phone) is { Length: > 0 } digits)
        {
            other.Add(code + digits);
            other.Add(code + Reversed(digits));
        }
        return (name.Distinct().ToList(), other.Distinct().Except(name).ToList());
    }

    /// <summary>
    /// What a query must match: every word, each one by any of its alternatives, the last word as a prefix; empty when
    /// the text has no word. A text of digits and phone punctuation only ("+1 (415) 555-0100", "0100") is one number,
    /// found at the start of a phone's digits or at its end (so a number without its country code is found too).
    /// </summary>
    public static IReadOnlyList<IReadOnlyList<string>> Query(string tenantId, string text)
    {
        var code = TenantCode(tenantId);
        if (LooksLikePhone(text))
        {
            var digits = Digits(text)!;
            return [[code + digits, code + Reversed(digits)]];
        }
        var words = new List<string>();
        AddWords(words, code, text);
        return words.Select(w => (IReadOnlyList<string>)[w]).ToList();
    }

    /// <summary>
    /// Adds the text's words, each after the code: lower-case letters and digits only, without diacritics ("José" is
    /// "jose"); everything else separates words.
    /// </summary>
    private static void AddWords(List<string> terms, string code, string? text)
    {
        if (string.IsNullOrEmpty(text))
            return;
        var ascii = Ascii.IsValid(text);
        var source = ascii ? text : text.Normalize(NormalizationForm.FormD);
        var word = new StringBuilder(code);
        foreach (var c in source)
        {
            if (!ascii && CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
                continue;
            if (char.IsLetterOrDigit(c))
            {
                word.Append(char.ToLowerInvariant(c));
                continue;
            }
            Flush();
        }
        Flush();

        void Flush()
        {
            if (word.Length > code.Length)
                terms.Add(ascii ? word.ToString() : word.ToString().Normalize(NormalizationForm.FormC));
            word.Length = code.Length;
        }
    }

    /// <summary>The digits backwards behind an "r", the term a phone's last digits are found by.</summary>
    private static string Reversed(string digits)
    {
        var reversed = digits.ToCharArray();
        Array.Reverse(reversed);
        return "r" + new string(reversed);
    }

    private static string? Digits(string? phone) => phone is null ? null : new string(phone.Where(char.IsAsciiDigit).ToArray());

    private static bool LooksLikePhone(string text) =>
        text.Any(char.IsAsciiDigit) && text.All(c => char.IsAsciiDigit(c) || c is '+' or '-' or '(' or ')' or '.' or ' ');
}

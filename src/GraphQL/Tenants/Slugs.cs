using System.Globalization;
using System.Text;

namespace Crm.GraphQL.Tenants;

/// <summary>Turns a company name into a URL-safe slug: "Acme Göteborg AB" becomes "acme-goteborg-ab".</summary>
public static class Slugs
{
    public const int MaxLength = 40;

    /// <summary>Used when a name has no Latin letters or digits at all (e.g. a name written in Chinese).</summary>
    public const string Fallback = "tenant";

    public static string From(string companyName)
    {
        var builder = new StringBuilder(companyName.Length);
        // Decomposing first splits 'ö' into 'o' + a combining mark, which is then dropped.
        foreach (var c in companyName.Normalize(NormalizationForm.FormD).ToLowerInvariant())
        {
            if (char.IsAsciiLetterOrDigit(c))
                builder.Append(c);
            else if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark && builder.Length > 0 && builder[^1] != '-')
                builder.Append('-');
            if (builder.Length >= MaxLength)
                break;
        }
        var slug = builder.ToString().Trim('-');
        return slug.Length == 0 ? Fallback : slug;
    }

    /// <summary>The candidates to try in turn when the plain slug is taken: acme, acme-2, acme-3, ...</summary>
    public static IEnumerable<string> Candidates(string slug, int count)
    {
        yield return slug;
        for (var n = 2; n <= count; n++)
            yield return $"{slug}-{n}";
    }
}

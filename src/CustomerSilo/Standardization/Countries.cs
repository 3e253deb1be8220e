using System.Globalization;

namespace Crm.CustomerSilo.Standardization;

/// <summary>Country names and codes to ISO 3166-1 alpha-2 ("Germany", "deu", "de" → "DE").</summary>
public static class Countries
{
    private static readonly Dictionary<string, string> ByName = Build();

    public static string? ToCode(string raw) => ByName.GetValueOrDefault(raw.Trim());

    private static Dictionary<string, string> Build()
    {
        var names = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var culture in CultureInfo.GetCultures(CultureTypes.SpecificCultures))
        {
            RegionInfo region;
            try { region = new RegionInfo(culture.Name); }
            catch (ArgumentException) { continue; } // a culture without a region of its own
            if (region.TwoLetterISORegionName.Length != 2 || !char.IsLetter(region.TwoLetterISORegionName[0]))
                continue;
            foreach (var name in new[] { region.TwoLetterISORegionName, region.ThreeLetterISORegionName, region.EnglishName, region.NativeName, region.DisplayName })
                names.TryAdd(name, region.TwoLetterISORegionName);
        }
        // libphonenumber's regions cover the codes the cultures above may lack.
        foreach (var code in global::PhoneNumbers.PhoneNumberUtil.GetInstance().GetSupportedRegions())
            names.TryAdd(code, code);
        return names;
    }
}

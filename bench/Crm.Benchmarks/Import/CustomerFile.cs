using System.Globalization;

namespace Crm.Benchmarks.Import;

/// <summary>The benchmark's customers: distinct emails and phones, four countries, a VIP tag on every fifth.</summary>
internal static class CustomerFile
{
    private static readonly string[] FirstNames = ["Ada", "Grace", "Alan", "Edsger", "Barbara", "Donald", "Margaret", "Ken", "Frances", "Niklaus"];
    private static readonly string[] LastNames = ["Lovelace", "Hopper", "Turing", "Dijkstra", "Liskov", "Knuth", "Hamilton", "Thompson", "Allen", "Wirth"];
    private static readonly string[] Countries = ["DE", "FR", "US", "GB"];
    private static readonly string[] Cities = ["Berlin", "Paris", "Boston", "London", "Hamburg", "Lyon"];

    public static async Task WriteAsync(string path, int rows)
    {
        await using var file = new StreamWriter(path);
        await file.WriteLineAsync("name,email,phone,birthday,country,city,tags,sourceChannel");
        for (var i = 0; i < rows; i++)
        {
            var first = FirstNames[i % FirstNames.Length];
            var last = LastNames[i / FirstNames.Length % LastNames.Length];
            var birthday = new DateOnly(1950, 1, 1).AddDays(i % 18_000).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            // NANP numbers in New York's 212: exchanges 200-999 and any line give 8,000,000 distinct valid numbers.
            var phone = $"+1 212 {200 + i / 10_000 % 800:000} {i % 10_000:0000}";
            await file.WriteLineAsync(
                $"{first} {last} {i},customer{i}@example.com,{phone},{birthday},{Countries[i % Countries.Length]},{Cities[i % Cities.Length]},{(i % 5 == 0 ? "vip;newsletter" : "newsletter")},WEB");
        }
    }

    /// <summary>A name search that matches many customers, varied by round.</summary>
    public static string SearchText(int round) =>
        $"{FirstNames[(round + FirstNames.Length) % FirstNames.Length]} {LastNames[(round / 3 + LastNames.Length) % LastNames.Length][..3]}";
}

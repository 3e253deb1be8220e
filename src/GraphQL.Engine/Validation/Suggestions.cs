namespace GraphQL.Engine.Validation;

/// <summary>"Did you mean ...?" hints: up to five candidates within a small edit distance, closest first.</summary>
public static class Suggestions
{
    public static string For(string input, IEnumerable<string> candidates)
    {
        var threshold = Math.Floor(input.Length * 0.4) + 1;
        var lowered = input.ToLowerInvariant();

        // The distance is at least the difference in length: skipping those candidates (as graphql-js does) keeps a
        // hostile 50,000-character name from costing a 50,000-by-n table per candidate.
        var matches = candidates
            .Select(c => (Name: c, Distance:
                string.Equals(c, input, StringComparison.OrdinalIgnoreCase) ? 1
                : Math.Abs(c.Length - input.Length) > threshold ? int.MaxValue
                : Distance(lowered, c.ToLowerInvariant())))
            .Where(m => m.Distance <= threshold)
            .OrderBy(m => m.Distance).ThenBy(m => m.Name, StringComparer.Ordinal)
            .Take(5)
            .Select(m => $"\"{m.Name}\"")
            .ToList();
        return matches.Count switch
        {
            0 => string.Empty,
            1 => $" Did you mean {matches[0]}?",
            _ => $" Did you mean {string.Join(", ", matches.Take(matches.Count - 1))}, or {matches[^1]}?",
        };
    }

    /// <summary>Optimal string alignment distance (Damerau-Levenshtein with adjacent transpositions).</summary>
    private static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
            d[i, 0] = i;
        for (var j = 0; j <= b.Length; j++)
            d[0, j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
            }
        }

        return d[a.Length, b.Length];
    }
}

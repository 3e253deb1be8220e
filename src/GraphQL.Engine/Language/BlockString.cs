using System.Text;

namespace GraphQL.Engine.Language;

/// <summary>The spec's BlockStringValue algorithm (common indentation and blank edge lines removed) and its inverse for printing.</summary>
public static class BlockString
{
    public static string Dedent(string raw)
    {
        var lines = raw.Split('\n');
        int? commonIndent = null;
        for (var i = 1; i < lines.Length; i++)
        {
            var indent = LeadingWhitespace(lines[i]);
            if (indent < lines[i].Length && (commonIndent is null || indent < commonIndent))
                commonIndent = indent;
        }

        if (commonIndent is { } common)
        {
            for (var i = 1; i < lines.Length; i++)
                lines[i] = lines[i].Length >= common ? lines[i][common..] : string.Empty;
        }

        var first = 0;
        var last = lines.Length - 1;
        while (first <= last && IsBlank(lines[first]))
            first++;
        while (last >= first && IsBlank(lines[last]))
            last--;
        return first > last ? string.Empty : string.Join('\n', lines[first..(last + 1)]);
    }

    /// <summary>Prints a value as a block string that lexes back to exactly the same value.</summary>
    public static string Print(string value)
    {
        var escaped = value.Replace("\"\"\"", "\\\"\"\"");
        var lines = value.Split('\n');
        var forceLeadingNewLine = lines.Length > 1 && lines.Skip(1).All(l => l.Length == 0 || l[0] is ' ' or '\t');
        var hasTrailingTripleQuote = escaped.EndsWith("\\\"\"\"", StringComparison.Ordinal);
        var hasTrailingQuote = value.EndsWith('"') && !hasTrailingTripleQuote;
        var hasTrailingSlash = value.EndsWith('\\');
        var forceTrailingNewLine = hasTrailingQuote || hasTrailingSlash;
        var isSingleLine = lines.Length == 1;
        var printAsMultipleLines = !isSingleLine || value.Length > 70 || forceTrailingNewLine || forceLeadingNewLine || hasTrailingTripleQuote;
        var skipLeadingNewLine = isSingleLine && value.Length > 0 && value[0] is ' ' or '\t';
        var result = new StringBuilder("\"\"\"");
        if ((printAsMultipleLines && !skipLeadingNewLine) || forceLeadingNewLine)
            result.Append('\n');
        result.Append(escaped);
        if (printAsMultipleLines || forceTrailingNewLine)
            result.Append('\n');
        return result.Append("\"\"\"").ToString();
    }

    private static int LeadingWhitespace(string line)
    {
        var i = 0;
        while (i < line.Length && line[i] is ' ' or '\t')
            i++;
        return i;
    }

    private static bool IsBlank(string line) => LeadingWhitespace(line) == line.Length;
}

using System.Text;

namespace Crm.Benchmarks.GraphQL;

/// <summary>
/// Documents built to make validation slow (issue 12, item 10), over <see cref="BenchmarkSchema"/>: each is under the
/// token limit, and each used to cost up to seconds of CPU before it was refused. <c>n</c> makes texts distinct,
/// so the executor's document cache cannot answer for a repeated attack.
/// </summary>
internal static class HostileDocuments
{
    public static IReadOnlyList<(string Name, Func<int, string> Build)> All { get; } =
    [
        ("fragment_chain", FragmentChain),
        ("fragment_chain_with_fields", FragmentChainWithFields),
        ("doubling_fragments", DoublingFragments),
        ("side_by_side_fragments", SideBySideFragments),
        ("repeated_field", RepeatedField),
        ("conflicting_aliases", ConflictingAliases),
        ("many_errors", ManyErrors),
        ("long_unknown_names", LongUnknownNames),
        ("deep_list_literal", DeepListLiteral),
    ];

    /// <summary>The issue's document: 1,600 fragments, each spreading the next (about 60 KB).</summary>
    public static string FragmentChain(int n)
    {
        var text = new StringBuilder($"{{ ...C{n}F0 }}\n");
        for (var i = 0; i < 1_600; i++)
            text.Append($"fragment C{n}F{i} on Query {{ ...C{n}F{i + 1} }}\n");
        return text.Append($"fragment C{n}F1600 on Query {{ __typename }}\n").ToString();
    }

    /// <summary>The chain with a field in every link, so the field-merging rule compares each link with all below it.</summary>
    private static string FragmentChainWithFields(int n)
    {
        var text = new StringBuilder($"{{ order(id: \"1\") {{ ...C{n}F0 }} }}\n");
        for (var i = 0; i < 1_500; i++)
            text.Append($"fragment C{n}F{i} on Order {{ id ...C{n}F{i + 1} }}\n");
        return text.Append($"fragment C{n}F1500 on Order {{ number }}\n").ToString();
    }

    /// <summary>45 fragments, each spreading the next twice: 2^45 fields once expanded, within every limit.</summary>
    private static string DoublingFragments(int n)
    {
        var text = new StringBuilder($"{{ ...D{n}F0 }}\n");
        for (var i = 0; i < 45; i++)
            text.Append($"fragment D{n}F{i} on Query {{ ...D{n}F{i + 1} ...D{n}F{i + 1} }}\n");
        return text.Append($"fragment D{n}F45 on Query {{ __typename }}\n").ToString();
    }

    /// <summary>1,000 fragments spread side by side in one selection set: every pair is compared.</summary>
    public static string SideBySideFragments(int n) =>
        "{ order(id: \"1\") { " + string.Concat(Enumerable.Range(0, 1_000).Select(i => $"...S{n}x{i} ")) + "} }\n"
        + string.Concat(Enumerable.Range(0, 1_000).Select(i => $"fragment S{n}x{i} on Order {{ id }}\n"));

    /// <summary>One field 5,000 times in one selection set.</summary>
    private static string RepeatedField(int n) =>
        $"query Q{n} {{ order(id: \"1\") {{ " + string.Concat(Enumerable.Repeat("id ", 5_000)) + "} }";

    /// <summary>3,000 aliases of one response key over two different fields: 4.5 million conflicting pairs.</summary>
    private static string ConflictingAliases(int n) =>
        $"query Q{n} {{ order(id: \"1\") {{ " + string.Concat(Enumerable.Range(0, 3_000).Select(i => i % 2 == 0 ? "x: id " : "x: number ")) + "} }";

    /// <summary>5,000 unknown fields, each an error with a suggestion.</summary>
    private static string ManyErrors(int n) =>
        $"query Q{n} {{ order(id: \"1\") {{ " + string.Concat(Enumerable.Range(0, 5_000).Select(i => $"nmber{i} ")) + "} }";

    /// <summary>20 unknown fields of 40,000 characters each (800 KB, under the 1 MB body limit): each error looks for a suggestion.</summary>
    private static string LongUnknownNames(int n) =>
        $"query Q{n} {{ order(id: \"1\") {{ " + string.Concat(Enumerable.Range(0, 20).Select(i => new string('n', 40_000) + i + " ")) + "} }";

    /// <summary>A list literal nested 100,000 deep.</summary>
    private static string DeepListLiteral(int n) =>
        $"query Q{n} {{ order(id: " + new string('[', 100_000) + new string(']', 100_000) + ") { id } }";
}

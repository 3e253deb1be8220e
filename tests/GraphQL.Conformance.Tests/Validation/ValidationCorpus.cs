namespace GraphQL.Conformance.Tests.Validation;

/// <summary>
/// The documents both validators judge: the hand-written corpus (one or more per rule, valid and invalid) plus
/// generated ones that put every kind of literal and variable into every kind of argument.
/// </summary>
public static class ValidationCorpus
{
    public static string Sdl => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Validation", "conformance.graphql"));

    public static IReadOnlyList<string> Documents() => [.. HandWritten(), .. LiteralsInArguments(), .. VariablesInPositions()];

    private static IEnumerable<string> HandWritten()
    {
        var text = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Validation", "corpus.graphql"));
        return text.Split('\n')
            .Aggregate(new List<List<string>> { new() }, (groups, line) =>
            {
                if (line.StartsWith("# ---", StringComparison.Ordinal))
                    groups.Add([]);
                else if (!line.StartsWith('#'))
                    groups[^1].Add(line);
                return groups;
            })
            .Select(lines => string.Join('\n', lines).Trim())
            .Where(document => document.Length > 0);
    }

    private static readonly string[] Arguments =
    [
        "intArgField(intArg: {0})", "nonNullIntArgField(nonNullIntArg: {0})", "stringArgField(stringArg: {0})",
        "booleanArgField(booleanArg: {0})", "enumArgField(enumArg: {0})", "floatArgField(floatArg: {0})",
        "idArgField(idArg: {0})", "stringListArgField(stringListArg: {0})", "stringListNonNullArgField(stringListNonNullArg: {0})",
        "complexArgField(complexArg: {0})", "oneOfArgField(oneOfArg: {0})", "anyArgField(anyArg: {0})",
    ];

    private static readonly string[] Literals =
    [
        "1", "-7", "1.5", "\"text\"", "\"\"\"block\"\"\"", "true", "null", "BROWN", "SIT", "[]", "[\"a\", null]", "[1, 2]",
        "{ requiredField: true }", "{ stringField: \"s\" }", "{}",
    ];

    private static IEnumerable<string> LiteralsInArguments() =>
        from argument in Arguments
        from literal in Literals
        select $"{{\n  complicatedArgs {{\n    {string.Format(argument, literal)}\n  }}\n}}";

    private static readonly string[] VariableTypes = ["Int", "Int!", "String", "[String]", "[String!]!", "ComplexInput", "FurColor!", "Boolean", "OneOfInput!", "Any"];

    private static IEnumerable<string> VariablesInPositions() =>
        from type in VariableTypes
        from argument in new[] { Arguments[0], Arguments[1], Arguments[2], Arguments[7], Arguments[8], Arguments[9], Arguments[10], Arguments[11] }
        select $"query Q($v: {type}) {{\n  complicatedArgs {{\n    {string.Format(argument, "$v")}\n  }}\n}}";
}

using System.Text;
using GraphQL.Engine.Execution;
using GraphQL.Engine.Language;
using GraphQL.Engine.Validation;

namespace GraphQL.Engine.Tests.Validation;

/// <summary>
/// Documents built to make validation slow (issue 12, item 10). Each is refused with its own error, and the work
/// validation spent on it (the counter <see cref="DocumentValidator.Analyze"/> reports and
/// <see cref="ExecutionOptions.MaxValidationWork"/> bounds) stays proportional to the document, never to what the
/// document expands to. Speed itself is measured by the `graphql` bench suite, not here.
/// </summary>
public class HostileDocumentTests
{
    private static readonly GraphQL.Engine.Types.Schema Schema = TestSchema.Build();

    private static ValidationOutcome Analyze(string document, ExecutionOptions? options = null) =>
        DocumentValidator.Analyze(Schema, Parser.Parse(document), options);

    /// <summary>The document: about 1,600 fragments, each spreading the next (about 60 KB, under the token limit).</summary>
    private static string FragmentChain(int length)
    {
        var text = new StringBuilder("{ ...F0 }\n");
        for (var i = 0; i < length; i++)
            text.Append($"fragment F{i} on Query {{ ...F{i + 1} }}\n");
        return text.Append($"fragment F{length} on Query {{ __typename }}\n").ToString();
    }

    /// <summary>Each fragment spreads the next twice: the document grows linearly, its expansion as 2^depth.</summary>
    private static string DoublingFragments(int depth, string leaf)
    {
        var text = new StringBuilder("{ ...F0 }\n");
        for (var i = 0; i < depth; i++)
            text.Append($"fragment F{i} on Query {{ ...F{i + 1} ...F{i + 1} }}\n");
        return text.Append($"fragment F{depth} on Query {{ {leaf} }}\n").ToString();
    }

    private static string Repeat(string prefix, int count, Func<int, string> item, string suffix) =>
        prefix + string.Join(" ", Enumerable.Range(0, count).Select(item)) + suffix;

    [Fact]
    public void A_long_fragment_chain_is_refused_by_its_depth_before_the_rules_that_follow_spreads()
    {
        var document = FragmentChain(1_600);
        var outcome = Analyze(document);
        var error = Assert.Single(outcome.Errors);
        Assert.Equal("The operation nests fragment spreads 1601 levels deep; the limit is 50. Spread fewer fragments inside fragments.", error.Message);

        // Measuring the shape visits each fragment once: one unit per selection, about 1,600, where the
        // field-merging rule alone used to compare each fragment with every fragment below it (1.3 million).
        Assert.InRange(outcome.Work, 1_600, 2 * 1_602);
    }

    [Fact]
    public void Fragments_spread_twice_at_every_level_cost_work_linear_in_the_document_not_in_their_expansion()
    {
        // 2^40 __typename fields once expanded; within the fragment depth limit, so every rule runs.
        var outcome = Analyze(DoublingFragments(40, "__typename"));
        Assert.Empty(outcome.Errors);
        var half = Analyze(DoublingFragments(20, "__typename")).Work;
        Assert.InRange(outcome.Work, half, 2 * half);
    }

    [Fact]
    public void Aliases_multiplied_by_fragments_are_counted_expanded_without_expanding_them()
    {
        var outcome = Analyze(DoublingFragments(30, "a: __typename"));
        var error = Assert.Single(outcome.Errors);
        Assert.Equal("The operation uses 1073741824 aliases; the limit is 50.", error.Message);
        Assert.InRange(outcome.Work, 31, 31 * 3);
    }

    [Fact]
    public void Thousands_of_conflicting_aliases_are_refused_by_the_alias_limit_before_fields_are_compared_pairwise()
    {
        // 3,000 fields under one response key: comparing them pairwise made 4.5 million comparisons and millions of errors.
        var outcome = Analyze(Repeat("{ book(id: 1) { ", 3_000, i => i % 2 == 0 ? "x: id" : "x: title", " } }"));
        var error = Assert.Single(outcome.Errors);
        Assert.Equal("The operation uses 3000 aliases; the limit is 50.", error.Message);
        Assert.InRange(outcome.Work, 3_000, 3_010);
    }

    [Fact]
    public void Many_distinct_fragments_spread_side_by_side_stop_at_the_work_budget()
    {
        // 1,000 fragments in one selection set: the field-merging rule compares every pair (half a million).
        var document = Repeat("{ book(id: 1) { ", 1_000, i => $"...W{i}", " } }\n")
            + string.Concat(Enumerable.Range(0, 1_000).Select(i => $"fragment W{i} on Book {{ id }}\n"));
        var outcome = Analyze(document);
        var error = Assert.Single(outcome.Errors);
        Assert.StartsWith("Validating the document took more than 25000 units of work", error.Message);
        Assert.Equal("DOCUMENT_TOO_COMPLEX", error.Extensions!["code"]);
        Assert.Equal(ExecutionOptions.Default.MaxValidationWork + 1, outcome.Work);
    }

    [Fact]
    public void A_fragment_chain_no_operation_uses_stops_at_the_work_budget()
    {
        // The shape limits only see what operations reach; the specification's rules still walk every fragment.
        var document = "{ __typename }\n" + string.Concat(Enumerable.Range(0, 1_600).Select(i => $"fragment F{i} on Book {{ id ...F{i + 1} }}\n")) + "fragment F1600 on Book { title }";
        var outcome = Analyze(document);
        Assert.Equal("DOCUMENT_TOO_COMPLEX", Assert.Single(outcome.Errors).Extensions!["code"]);
        Assert.Equal(ExecutionOptions.Default.MaxValidationWork + 1, outcome.Work);
    }

    [Fact]
    public void One_field_repeated_thousands_of_times_stops_at_the_work_budget()
    {
        var outcome = Analyze(Repeat("{ book(id: 1) { ", 5_000, _ => "id", " } }"));
        Assert.Equal("DOCUMENT_TOO_COMPLEX", Assert.Single(outcome.Errors).Extensions!["code"]);
        Assert.Equal(ExecutionOptions.Default.MaxValidationWork + 1, outcome.Work);
    }

    [Fact]
    public void The_work_budget_is_an_option()
    {
        var document = Repeat("{ book(id: 1) { ", 100, _ => "id", " } }");
        Assert.Empty(Analyze(document).Errors);
        var refused = Analyze(document, new ExecutionOptions { MaxValidationWork = 1_000 });
        Assert.StartsWith("Validating the document took more than 1000 units of work", Assert.Single(refused.Errors).Message);
    }

    [Fact]
    public void Wherever_the_budget_runs_out_the_document_is_refused()
    {
        // Every budget below what the document needs stops validation at a different place, nested walks included.
        const string document = "query($first: Int) { authors { ...A books(first: $first) { id } } } fragment A on Author { name books(first: $first) { title } }";
        var needed = Analyze(document).Work;
        Assert.Empty(Analyze(document, new ExecutionOptions { MaxValidationWork = needed }).Errors);
        for (var budget = 0; budget < needed; budget++)
        {
            var refused = Analyze(document, new ExecutionOptions { MaxValidationWork = budget });
            Assert.Equal("DOCUMENT_TOO_COMPLEX", Assert.Single(refused.Errors).Extensions!["code"]);
        }
    }

    [Fact]
    public void Validation_stops_after_a_hundred_errors_as_graphql_js_does()
    {
        var outcome = Analyze(Repeat("{ book(id: 1) { ", 1_000, i => $"unknown{i}", " } }"));
        Assert.Equal(101, outcome.Errors.Count);
        Assert.Equal("Too many validation errors, error limit reached. Validation aborted.", outcome.Errors[^1].Message);
    }

    [Fact]
    public void Many_operations_spreading_one_fragment_chain_are_refused_by_its_depth()
    {
        var document = string.Concat(Enumerable.Range(0, 300).Select(i => $"query Q{i} {{ ...F0 }}\n")) + FragmentChain(300)[10..];
        var outcome = Analyze(document);
        Assert.Equal(ValidationContext.MaxErrors + 1, outcome.Errors.Count);
        Assert.Equal("The operation nests fragment spreads 301 levels deep; the limit is 50. Spread fewer fragments inside fragments.", outcome.Errors[0].Message);

        // The chain is measured once for all 300 operations.
        Assert.InRange(outcome.Work, 300, 2 * 602);
    }

    [Fact]
    public void Work_grows_linearly_with_a_document_of_ordinary_shape()
    {
        // Each fragment spread under its own field, as components' fragments are: nothing to compare pairwise.
        static string Document(int fragments) =>
            Repeat("query($first: Int) { ", fragments, i => $"a{i}: authors {{ ...A{i} }}", " }\n")
            + string.Concat(Enumerable.Range(0, fragments).Select(i => $"fragment A{i} on Author {{ name books(first: $first) {{ id title }} }}\n"));

        var options = new ExecutionOptions { MaxAliases = 1_000 };
        var small = Analyze(Document(10), options);
        var large = Analyze(Document(40), options);
        Assert.Empty(small.Errors);
        Assert.Empty(large.Errors);

        // work = fixed + per-fragment x fragments, so four times the fragments cost at most four times the work.
        Assert.InRange(large.Work, 3 * small.Work, 4 * small.Work);
    }

    [Fact]
    public void Literals_nested_a_hundred_thousand_deep_are_a_syntax_error_not_a_stack_overflow()
    {
        var deep = "{ echo(list: " + new string('[', 100_000) + new string(']', 100_000) + ") }";
        Assert.Contains("maximum depth of 200", Assert.Throws<GraphQLSyntaxException>(() => Parser.Parse(deep)).Message);
        var deepType = "query($v: " + new string('[', 100_000) + "Int" + new string(']', 100_000) + ") { echo(text: \"x\") }";
        Assert.Contains("maximum depth of 200", Assert.Throws<GraphQLSyntaxException>(() => Parser.Parse(deepType)).Message);
    }
}

using System.Text.Json.Nodes;
using GraphQL.Conformance.Tests.Oracle;
using GraphQL.Engine.Language;
using GraphQL.Engine.Types;
using GraphQL.Engine.Validation;

namespace GraphQL.Conformance.Tests.Validation;

/// <summary>graphql-js's <c>validate(schema, document, specifiedRules)</c> is the oracle: same verdict, same error locations.</summary>
public class ValidationAgreementTests
{
    [Fact]
    public async Task Engine_and_graphql_js_agree_on_every_document_of_the_corpus()
    {
        var sdl = ValidationCorpus.Sdl;
        var documents = ValidationCorpus.Documents();
        Assert.True(documents.Count >= 300, $"the corpus has only {documents.Count} documents");
        var schema = new SchemaBuilder().AddTypeDefinitions(sdl).Build();
        var oracle = (JsonArray)await NodeOracle.AskAsync(new { command = "validate", sdl, documents });

        var disagreements = new List<string>();
        var invalid = 0;
        for (var i = 0; i < documents.Count; i++)
        {
            var expected = Describe(oracle[i]!);
            var actual = Describe(schema, documents[i]);
            if (expected.Verdict != "valid")
                invalid++;
            if (expected.Verdict != actual.Verdict || !expected.Locations.SetEquals(actual.Locations))
            {
                disagreements.Add($"#{i}: {documents[i].ReplaceLineEndings(" ")}\n   graphql-js: {expected}\n   engine:     {actual}");
            }
        }

        Assert.True(invalid > 100 && documents.Count - invalid > 50, $"corpus balance: {invalid} invalid of {documents.Count}");
        Assert.True(disagreements.Count == 0, $"{disagreements.Count} of {documents.Count} documents disagree:\n" + string.Join("\n", disagreements));
    }

    private sealed record Outcome(string Verdict, HashSet<(int, int)> Locations, string Messages)
    {
        public override string ToString() => $"{Verdict} at [{string.Join(" ", Locations.Order().Select(l => $"{l.Item1}:{l.Item2}"))}] {Messages}";
    }

    private static Outcome Describe(JsonNode answer)
    {
        if (answer["syntaxError"] is JsonArray syntax)
            return new Outcome("syntax", [((int)syntax[0]!, (int)syntax[1]!)], string.Empty);
        var errors = (JsonArray)answer["errors"]!;
        var locations = errors.SelectMany(e => ((JsonArray)e!["locations"]!).Select(l => ((int)l![0]!, (int)l[1]!))).ToHashSet();
        return new Outcome(errors.Count == 0 ? "valid" : "invalid", locations, string.Join(" | ", errors.Select(e => (string)e!["message"]!)));
    }

    private static Outcome Describe(Schema schema, string source)
    {
        DocumentNode document;
        try
        {
            document = Parser.Parse(source);
        }
        catch (GraphQLSyntaxException e)
        {
            return new Outcome("syntax", [(e.Location.Line, e.Location.Column)], string.Empty);
        }

        var errors = DocumentValidator.Validate(schema, document);
        var locations = errors.SelectMany(e => e.Locations ?? []).Select(l => (l.Line, l.Column)).ToHashSet();
        return new Outcome(errors.Count == 0 ? "valid" : "invalid", locations, string.Join(" | ", errors.Select(e => e.Message)));
    }
}

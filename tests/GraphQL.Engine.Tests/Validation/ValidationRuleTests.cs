using GraphQL.Engine.Language;
using GraphQL.Engine.Validation;

namespace GraphQL.Engine.Tests.Validation;

public class ValidationRuleTests
{
    private static readonly GraphQL.Engine.Types.Schema Schema = TestSchema.Build();

    private static IReadOnlyList<GraphQL.Engine.Execution.GraphQLError> Validate(string document) =>
        DocumentValidator.Validate(Schema, Parser.Parse(document));

    [Theory]
    [InlineData("{ authors { id name books { title author { name } } } }")]
    [InlineData("query Q($id: ID!) { book(id: $id) { ...F } } fragment F on Book { id title }")]
    [InlineData("{ search(text: \"a\") { ... on Author { name } ... on Book { title } ... on Node { id } } }")]
    [InlineData("query($g: Genre = FICTION) { books(genre: $g) { id } }")]
    [InlineData("query($f: Int) { authors { books(first: $f) { id } } }")]
    [InlineData("{ a: book(id: 1) { id } b: book(id: \"2\") { id } }")]
    [InlineData("{ node(id: \"a1\") { ... on Author { name: name } ... on Book { name: title } } }")]
    [InlineData("mutation { addBook(input: {title: \"t\", authorId: \"a1\", tags: [\"x\"]}) { id } }")]
    [InlineData("{ bookBy(key: {isbn: \"123\"}) { id } __typename }")]
    public void Accepts_valid_documents(string document) => Assert.Empty(Validate(document));

    [Theory]
    [InlineData("{ authors { id } } type T { a: Int }", "The \"T\" definition is not executable.", 1, 20)]
    [InlineData("query A { authors { id } } query A { books { id } }", "There can be only one operation named \"A\".", 1, 7)]
    [InlineData("{ authors { id } } query B { books { id } }", "This anonymous operation must be the only defined operation.", 1, 1)]
    [InlineData("subscription { a }", "The subscription operation is not supported by the schema.", 1, 1)]
    [InlineData("query($x: Strin) { echo(text: $x) }", "Unknown type \"Strin\". Did you mean \"String\"?", 1, 11)]
    [InlineData("{ authors { ... on String { x } } }", "Fragment cannot condition on non composite type \"String\".", 1, 20)]
    [InlineData("query($a: Author) { authors { id } }", "Variable \"$a\" cannot be non-input type \"Author\".", 1, 11)]
    [InlineData("{ authors }", "Field \"authors\" of type \"[Author!]!\" must have a selection of subfields.", 1, 3)]
    [InlineData("{ authors { id { x } } }", "Field \"id\" must not have a selection since type \"ID!\" has no subfields.", 1, 16)]
    [InlineData("{ authors { nam } }", "Cannot query field \"nam\" on type \"Author\". Did you mean \"name\"?", 1, 13)]
    [InlineData("{ authors { ...F } } fragment F on Author { id } fragment F on Author { name }", "There can be only one fragment named \"F\".", 1, 31)]
    [InlineData("{ authors { ...G } }", "Unknown fragment \"G\".", 1, 16)]
    [InlineData("{ authors { id } } fragment F on Author { id }", "Fragment \"F\" is never used.", 1, 20)]
    [InlineData("{ authors { ... on Book { id } } }", "Fragment cannot be spread here as objects of type \"Author\" can never be of type \"Book\".", 1, 13)]
    [InlineData("{ authors { ...F } } fragment F on Author { ...G } fragment G on Author { ...F }", "Cannot spread fragment \"F\" within itself via \"G\".", 1, 45)]
    [InlineData("query($a: Int, $a: Int) { echo(number: $a) }", "There can be only one variable named \"$a\".", 1, 8)]
    [InlineData("query Q { echo(number: $n) }", "Variable \"$n\" is not defined by operation \"Q\".", 1, 24)]
    [InlineData("query($n: Int) { authors { id } }", "Variable \"$n\" is never used.", 1, 7)]
    [InlineData("{ authors @nope { id } }", "Unknown directive \"@nope\".", 1, 11)]
    [InlineData("query @skip(if: true) { authors { id } }", "Directive \"@skip\" may not be used on QUERY.", 1, 7)]
    [InlineData("{ authors @skip(if: true) @skip(if: false) { id } }", "The directive \"@skip\" can only be used once at this location.", 1, 11)]
    [InlineData("{ book(id: 1, isbn: 2) { id } }", "Unknown argument \"isbn\" on field \"Query.book\".", 1, 15)]
    [InlineData("{ book(id: 1, id: 2) { id } }", "There can be only one argument named \"id\".", 1, 8)]
    [InlineData("{ book(id: 1.5) { id } }", "Expected value of type \"ID!\", found 1.5", 1, 12)]
    [InlineData("{ books(genre: POETRY) { id } }", "Value \"POETRY\" does not exist in \"Genre\" enum.", 1, 16)]
    [InlineData("{ echo(list: [1, \"two\"]) }", "Expected value of type \"Int\", found \"two\"", 1, 18)]
    [InlineData("mutation { addBook(input: {title: \"t\"}) { id } }", "Field \"BookInput.authorId\" of required type \"ID!\" was not provided.", 1, 27)]
    [InlineData("mutation { addBook(input: {title: \"t\", authorId: 1, x: 1}) { id } }", "Field \"x\" is not defined by type \"BookInput\".", 1, 53)]
    [InlineData("{ bookBy(key: {id: \"1\", isbn: \"2\"}) { id } }", "OneOf Input Object \"BookKey\" must specify exactly one key.", 1, 15)]
    [InlineData("{ book { id } }", "Field \"book\" argument \"id\" of type \"ID!\" is required, but it was not provided.", 1, 3)]
    [InlineData("{ authors @include { id } }", "Directive \"@include\" argument \"if\" of type \"Boolean!\" is required", 1, 11)]
    [InlineData("query($id: ID) { book(id: $id) { id } }", "Variable \"$id\" of type \"ID\" used in position expecting type \"ID!\".", 1, 7)]
    [InlineData("{ book(id: 1) { x: id x: title } }", "Fields \"x\" conflict because \"id\" and \"title\" are different fields.", 1, 17)]
    [InlineData("{ authors { books(first: 1) { id } books(first: 2) { id } } }", "Fields \"books\" conflict because they have differing arguments.", 1, 13)]
    [InlineData("{ book(id: 1) { a: author { n: name } a: author { n: id } } }", "Fields \"a\" conflict because subfields \"n\" conflict because \"name\" and \"id\" are different fields.", 1, 17)]
    [InlineData("{ node(id: 1) { ... on Author { v: name } ... on Book { v: pages } } }", "Fields \"v\" conflict because they return conflicting types \"String!\" and \"Int\".", 1, 33)]
    [InlineData("mutation { addBook(input: {title: \"t\", title: \"u\", authorId: 1}) { id } }", "There can be only one input field named \"title\".", 1, 28)]
    public void Reports_each_rule_with_its_location(string document, string message, int line, int column)
    {
        var errors = Validate(document);
        var match = errors.FirstOrDefault(e => e.Message.Contains(message, StringComparison.Ordinal));
        Assert.True(match is not null, $"expected \"{message}\" among: {string.Join(" | ", errors.Select(e => e.Message))}");
        Assert.Equal(new SourceLocation(line, column), match.Locations![0]);
    }

    [Fact]
    public void Subscriptions_select_one_root_field_without_conditions()
    {
        var schema = new GraphQL.Engine.Types.SchemaBuilder()
            .AddTypeDefinitions("type Query { a: Int } type Subscription { s: Int t: Int }")
            .Build();
        var two = DocumentValidator.Validate(schema, Parser.Parse("subscription S { s t }"));
        Assert.Contains(two, e => e.Message == "Subscription \"S\" must select only one top level field.");
        var conditional = DocumentValidator.Validate(schema, Parser.Parse("subscription($v: Boolean!) { s @include(if: $v) }"));
        Assert.Contains(conditional, e => e.Message.Contains("must not use `@skip` or `@include`"));
        var introspection = DocumentValidator.Validate(schema, Parser.Parse("subscription { __typename }"));
        Assert.Contains(introspection, e => e.Message.Contains("must not select an introspection top level field"));
    }

    [Fact]
    public void Suggestions_can_be_switched_off()
    {
        var errors = DocumentValidator.Validate(Schema, Parser.Parse("{ authors { nam } }"), new GraphQL.Engine.Execution.ExecutionOptions { EnableFieldSuggestions = false });
        Assert.Equal("Cannot query field \"nam\" on type \"Author\".", Assert.Single(errors).Message);
    }
}

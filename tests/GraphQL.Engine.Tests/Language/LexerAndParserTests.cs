using GraphQL.Engine.Language;

namespace GraphQL.Engine.Tests.Language;

public class LexerAndParserTests
{
    [Fact]
    public void Parses_an_operation_with_variables_directives_fragments_and_aliases()
    {
        var document = Parser.Parse("""
            query Q($id: ID! = "1", $flags: [Boolean!]) @live {
              first: book(id: $id) { ...Parts @include(if: true) ... on Book { title } }
            }
            fragment Parts on Book { id }
            """);
        var operation = Assert.IsType<OperationDefinitionNode>(document.Definitions[0]);
        Assert.Equal("Q", operation.Name!.Value);
        Assert.Equal(2, operation.VariableDefinitions.Count);
        Assert.IsType<NonNullTypeNode>(operation.VariableDefinitions[0].Type);
        Assert.Equal("1", Assert.IsType<StringValueNode>(operation.VariableDefinitions[0].DefaultValue).Value);
        var field = Assert.IsType<FieldNode>(operation.SelectionSet.Selections[0]);
        Assert.Equal("first", field.Alias!.Value);
        Assert.Equal("book", field.Name.Value);
        Assert.Equal(new Location(field.Location.Start, field.Location.End, 2, 3), field.Location);
        Assert.IsType<FragmentSpreadNode>(field.SelectionSet!.Selections[0]);
        Assert.IsType<InlineFragmentNode>(field.SelectionSet.Selections[1]);
        Assert.IsType<FragmentDefinitionNode>(document.Definitions[1]);
    }

    [Fact]
    public void Parses_every_kind_of_type_system_definition()
    {
        var document = Parser.Parse("""
            "The schema" schema @a { query: Q mutation: M }
            \"\"\"
              Block
                description
            \"\"\"
            type Q implements & I & J @d { f(a: Int = 1 @x, "arg" b: [String!]!): String @deprecated }
            interface I implements J { f: String }
            union U = | A | B
            enum E { ONE @deprecated TWO }
            input In @oneOf { a: Int b: String }
            scalar Date @specifiedBy(url: "https://example.com")
            directive @d(x: Int) repeatable on OBJECT | FIELD_DEFINITION
            extend type Q { g: Int }
            extend schema @b
            extend union U = C
            """.Replace("\\\"", "\""));
        Assert.Equal(11, document.Definitions.Count);
        var type = Assert.IsType<ObjectTypeDefinitionNode>(document.Definitions[1]);
        Assert.Equal("Block\n  description", type.Description!.Value);
        Assert.Equal(["I", "J"], type.Interfaces.Select(i => i.Name.Value));
        Assert.Equal("arg", type.Fields[0].Arguments[1].Description!.Value);
        Assert.True(Assert.IsType<DirectiveDefinitionNode>(document.Definitions[7]).Repeatable);
        Assert.True(Assert.IsType<ObjectTypeDefinitionNode>(document.Definitions[8]).IsExtension);
        Assert.Equal(["A", "B"], Assert.IsType<UnionTypeDefinitionNode>(document.Definitions[3]).Types.Select(t => t.Name.Value));
    }

    [Theory]
    [InlineData("{ a(x: \"\\u00e9\\u{1F600}\\uD83D\\uDE00\") }", "é😀😀")]
    [InlineData("{ a(x: \"tab\\tquote\\\"\") }", "tab\tquote\"")]
    public void Decodes_string_escapes(string source, string expected)
    {
        var field = (FieldNode)((OperationDefinitionNode)Parser.Parse(source).Definitions[0]).SelectionSet.Selections[0];
        Assert.Equal(expected, ((StringValueNode)field.Arguments[0].Value).Value);
    }

    [Theory]
    [InlineData("{ a(x: 01) }", 1, 9, "Invalid number, unexpected digit after 0")]
    [InlineData("{ a(x: 1.) }", 1, 10, "Invalid number, expected digit")]
    [InlineData("{ a(x: \"open) }", 1, 16, "Unterminated string")]
    [InlineData("{ a(x: \"\\q\") }", 1, 9, "Invalid character escape sequence")]
    [InlineData("{ a(x: \"\\uD800\") }", 1, 9, "Invalid Unicode escape sequence")]
    [InlineData("query { a } }", 1, 13, "Unexpected \"}\"")]
    [InlineData("{ a\n  b(: 1) }", 2, 5, "Expected Name, found \":\"")]
    [InlineData("fragment on on X { a }", 1, 10, "Unexpected Name \"on\"")]
    [InlineData("{ a(x: $v) } query($v: Int = $w) { a }", 1, 30, "Unexpected variable \"$w\" in constant value")]
    [InlineData("{ a ?? }", 1, 5, "Unexpected character")]
    [InlineData("", 1, 1, "Unexpected <EOF>")]
    public void Reports_syntax_errors_with_their_location(string source, int line, int column, string message)
    {
        var error = Assert.Throws<GraphQLSyntaxException>(() => Parser.Parse(source));
        Assert.Contains(message, error.Message);
        Assert.Equal(new SourceLocation(line, column), error.Location);
    }

    [Fact]
    public void Block_strings_lose_common_indentation_and_blank_edge_lines()
    {
        var value = (StringValueNode)Parser.ParseValue("\"\"\"\n\n    Hello,\n      World!\n\n    Yours \\\"\"\" \n  \"\"\"");
        Assert.Equal("Hello,\n  World!\n\nYours \"\"\" ", value.Value);
        Assert.True(value.Block);
    }

    [Fact]
    public void Refuses_documents_beyond_the_token_limit()
    {
        var source = "{ " + string.Join(" ", Enumerable.Range(0, 200).Select(i => $"f{i}")) + " }";
        var error = Assert.Throws<GraphQLSyntaxException>(() => Parser.Parse(source, new ParserOptions { MaxTokens = 100 }));
        Assert.Contains("more than 100 tokens", error.Message);
        Assert.NotNull(Parser.Parse(source, new ParserOptions { MaxTokens = 300 }));
    }

    [Fact]
    public void Refuses_nesting_beyond_the_depth_limit_without_overflowing_the_stack()
    {
        var deep = string.Concat(Enumerable.Repeat("{ a ", 100_000)) + string.Concat(Enumerable.Repeat("}", 100_000));
        var error = Assert.Throws<GraphQLSyntaxException>(() => Parser.Parse(deep, new ParserOptions { MaxTokens = null }));
        Assert.Contains("maximum depth", error.Message);
        var deepList = "{ a(x: " + new string('[', 100_000) + new string(']', 100_000) + ") }";
        Assert.Contains("maximum depth", Assert.Throws<GraphQLSyntaxException>(() => Parser.Parse(deepList, new ParserOptions { MaxTokens = null })).Message);
    }

    [Fact]
    public void Printing_then_parsing_gives_the_same_printed_document()
    {
        const string source = """
            query Q($a: [Int!]! = [1, 2], $b: In = {x: "y\n", z: null}) @dir(arg: ENUM) {
              alias: field(a: $a, b: 1.5e3, c: true) @skip(if: false) { ...F ... on T @x { y } ... { z } }
            }
            fragment F on T { w }
            subscription { s }
            """;
        var printed = Printer.Print(Parser.Parse(source));
        Assert.Equal(printed, Printer.Print(Parser.Parse(printed)));
        Assert.Contains("alias: field(a: $a, b: 1.5e3, c: true) @skip(if: false) {", printed);
        Assert.Contains("$b: In = {x: \"y\\n\", z: null}", printed);
    }

    [Fact]
    public void Prints_sdl_with_descriptions_and_round_trips()
    {
        const string sdl = "\"\"\"Doc\"\"\"\ntype A implements B & C @d {\n  \"field doc\"\n  f(x: Int = 1): [String!]! @deprecated(reason: \"no\")\n}\n\nextend enum E {\n  X\n}";
        var printed = Printer.Print(Parser.Parse(sdl));
        Assert.Equal(printed, Printer.Print(Parser.Parse(printed)));
        Assert.Contains("type A implements B & C @d {", printed);
        Assert.Contains("extend enum E {", printed);
    }
}

namespace GraphQL.Engine.Language;

/// <summary>
/// Recursive-descent parser for the whole GraphQL language: executable documents and type-system documents (SDL).
/// Depth and token count are bounded by <see cref="ParserOptions"/>.
/// </summary>
public sealed class Parser
{
    private readonly Lexer _lexer;
    private readonly ParserOptions _options;
    private Token _token;
    private Token _previous;
    private int _depth;

    private Parser(string source, ParserOptions options)
    {
        _lexer = new Lexer(source);
        _options = options;
        _token = new Token(TokenKind.StartOfFile, 0, 0, 1, 1, null);
        Advance();
    }

    public static DocumentNode Parse(string source, ParserOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        var parser = new Parser(source, options ?? ParserOptions.Default);
        return parser.ParseDocument();
    }

    public static ValueNode ParseValue(string source, ParserOptions? options = null)
    {
        var parser = new Parser(source, options ?? ParserOptions.Default);
        var value = parser.ParseValueLiteral(isConst: false);
        parser.Expect(TokenKind.EndOfFile);
        return value;
    }

    public static TypeNode ParseType(string source, ParserOptions? options = null)
    {
        var parser = new Parser(source, options ?? ParserOptions.Default);
        var type = parser.ParseTypeReference();
        parser.Expect(TokenKind.EndOfFile);
        return type;
    }

    private void Advance()
    {
        _previous = _token;
        _token = _lexer.Next();
        if (_options.MaxTokens is { } max && _lexer.TokenCount > max)
        {
            throw new GraphQLSyntaxException(
                $"Document contains more than {max} tokens. Parsing aborted; send a smaller document.",
                new SourceLocation(_token.Line, _token.Column));
        }
    }

    private GraphQLSyntaxException Unexpected(Token? token = null)
    {
        var at = token ?? _token;
        return new GraphQLSyntaxException($"Unexpected {at.Describe()}.", new SourceLocation(at.Line, at.Column));
    }

    private Location LocationFrom(Token start) => new(start.Start, _previous.End, start.Line, start.Column);

    private bool Peek(TokenKind kind) => _token.Kind == kind;

    private bool PeekKeyword(string keyword) => _token.Kind == TokenKind.Name && _token.Value == keyword;

    private Token Expect(TokenKind kind)
    {
        var token = _token;
        if (token.Kind != kind)
        {
            throw new GraphQLSyntaxException(
                $"Expected {Token.Describe(kind)}, found {token.Describe()}.",
                new SourceLocation(token.Line, token.Column));
        }

        Advance();
        return token;
    }

    private bool Skip(TokenKind kind)
    {
        if (_token.Kind != kind)
            return false;
        Advance();
        return true;
    }

    private void ExpectKeyword(string keyword)
    {
        if (!PeekKeyword(keyword))
        {
            throw new GraphQLSyntaxException(
                $"Expected \"{keyword}\", found {_token.Describe()}.",
                new SourceLocation(_token.Line, _token.Column));
        }

        Advance();
    }

    private bool SkipKeyword(string keyword)
    {
        if (!PeekKeyword(keyword))
            return false;
        Advance();
        return true;
    }

    private void Enter()
    {
        if (++_depth > _options.MaxDepth)
        {
            throw new GraphQLSyntaxException(
                $"Document nesting exceeds the maximum depth of {_options.MaxDepth}.",
                new SourceLocation(_token.Line, _token.Column));
        }
    }

    private void Leave() => _depth--;

    private List<T> Many<T>(TokenKind open, Func<T> item, TokenKind close)
    {
        Expect(open);
        var items = new List<T>();
        do
        {
            items.Add(item());
        }
        while (!Skip(close));
        return items;
    }

    private List<T> Optional<T>(TokenKind open, Func<T> item, TokenKind close) =>
        Peek(open) ? Many(open, item, close) : [];

    private List<T> Any<T>(TokenKind open, Func<T> item, TokenKind close)
    {
        Expect(open);
        var items = new List<T>();
        while (!Skip(close))
            items.Add(item());
        return items;
    }

    private DocumentNode ParseDocument()
    {
        var start = _token;
        var definitions = new List<DefinitionNode>();
        do
        {
            definitions.Add(ParseDefinition());
        }
        while (!Peek(TokenKind.EndOfFile));
        return new DocumentNode(definitions, LocationFrom(start)) { TokenCount = _lexer.TokenCount };
    }

    private DefinitionNode ParseDefinition()
    {
        if (Peek(TokenKind.BraceLeft))
            return ParseOperationDefinition();
        var hasDescription = Peek(TokenKind.String) || Peek(TokenKind.BlockString);
        var keywordToken = hasDescription ? PeekAfterDescription() : _token;
        if (keywordToken.Kind == TokenKind.Name)
        {
            switch (keywordToken.Value)
            {
                case "schema": return ParseSchemaDefinition();
                case "scalar": return ParseScalarTypeDefinition();
                case "type": return ParseObjectOrInterfaceDefinition("type");
                case "interface": return ParseObjectOrInterfaceDefinition("interface");
                case "union": return ParseUnionTypeDefinition();
                case "enum": return ParseEnumTypeDefinition();
                case "input": return ParseInputObjectTypeDefinition();
                case "directive": return ParseDirectiveDefinition();
            }

            if (hasDescription)
            {
                throw new GraphQLSyntaxException(
                    "Unexpected description, descriptions are supported only on type definitions.",
                    new SourceLocation(_token.Line, _token.Column));
            }

            switch (keywordToken.Value)
            {
                case "query" or "mutation" or "subscription": return ParseOperationDefinition();
                case "fragment": return ParseFragmentDefinition();
                case "extend": return ParseTypeSystemExtension();
            }
        }

        throw Unexpected(keywordToken);
    }

    // A description is one string token; the keyword after it decides the definition kind.
    private Token PeekAfterDescription() => _lexer.Peek();

    private OperationDefinitionNode ParseOperationDefinition()
    {
        var start = _token;
        if (Peek(TokenKind.BraceLeft))
        {
            var selectionSet = ParseSelectionSet();
            return new OperationDefinitionNode(OperationType.Query, null, [], [], selectionSet, LocationFrom(start));
        }

        var operation = ParseOperationType();
        var name = Peek(TokenKind.Name) ? ParseName() : null;
        var variables = Optional(TokenKind.ParenLeft, ParseVariableDefinition, TokenKind.ParenRight);
        var directives = ParseDirectives(isConst: false);
        var selections = ParseSelectionSet();
        return new OperationDefinitionNode(operation, name, variables, directives, selections, LocationFrom(start));
    }

    private OperationType ParseOperationType()
    {
        var token = Expect(TokenKind.Name);
        return token.Value switch
        {
            "query" => OperationType.Query,
            "mutation" => OperationType.Mutation,
            "subscription" => OperationType.Subscription,
            _ => throw Unexpected(token),
        };
    }

    private VariableDefinitionNode ParseVariableDefinition()
    {
        var start = _token;
        var variable = ParseVariable();
        Expect(TokenKind.Colon);
        var type = ParseTypeReference();
        ValueNode? defaultValue = null;
        if (Skip(TokenKind.Equals))
            defaultValue = ParseValueLiteral(isConst: true);
        var directives = ParseDirectives(isConst: true);
        return new VariableDefinitionNode(variable, type, defaultValue, directives, LocationFrom(start));
    }

    private VariableNode ParseVariable()
    {
        var start = _token;
        Expect(TokenKind.Dollar);
        var name = ParseName();
        return new VariableNode(name, LocationFrom(start));
    }

    private SelectionSetNode ParseSelectionSet()
    {
        Enter();
        var start = _token;
        var selections = Many(TokenKind.BraceLeft, ParseSelection, TokenKind.BraceRight);
        Leave();
        return new SelectionSetNode(selections, LocationFrom(start));
    }

    private SelectionNode ParseSelection() => Peek(TokenKind.Spread) ? ParseFragment() : ParseField();

    private FieldNode ParseField()
    {
        var start = _token;
        var nameOrAlias = ParseName();
        NameNode? alias = null;
        var name = nameOrAlias;
        if (Skip(TokenKind.Colon))
        {
            alias = nameOrAlias;
            name = ParseName();
        }

        var arguments = ParseArguments(isConst: false);
        var directives = ParseDirectives(isConst: false);
        var selectionSet = Peek(TokenKind.BraceLeft) ? ParseSelectionSet() : null;
        return new FieldNode(alias, name, arguments, directives, selectionSet, LocationFrom(start));
    }

    private List<ArgumentNode> ParseArguments(bool isConst) =>
        Optional(TokenKind.ParenLeft, () => ParseArgument(isConst), TokenKind.ParenRight);

    private ArgumentNode ParseArgument(bool isConst)
    {
        var start = _token;
        var name = ParseName();
        Expect(TokenKind.Colon);
        var value = ParseValueLiteral(isConst);
        return new ArgumentNode(name, value, LocationFrom(start));
    }

    private SelectionNode ParseFragment()
    {
        var start = _token;
        Expect(TokenKind.Spread);
        var hasTypeCondition = SkipKeyword("on");
        if (!hasTypeCondition && Peek(TokenKind.Name))
        {
            var name = ParseName();
            return new FragmentSpreadNode(name, ParseDirectives(isConst: false), LocationFrom(start));
        }

        var typeCondition = hasTypeCondition ? ParseNamedType() : null;
        var directives = ParseDirectives(isConst: false);
        var selectionSet = ParseSelectionSet();
        return new InlineFragmentNode(typeCondition, directives, selectionSet, LocationFrom(start));
    }

    private FragmentDefinitionNode ParseFragmentDefinition()
    {
        var start = _token;
        ExpectKeyword("fragment");
        if (PeekKeyword("on"))
            throw Unexpected();
        var name = ParseName();
        ExpectKeyword("on");
        var typeCondition = ParseNamedType();
        var directives = ParseDirectives(isConst: false);
        var selectionSet = ParseSelectionSet();
        return new FragmentDefinitionNode(name, typeCondition, directives, selectionSet, LocationFrom(start));
    }

    private NameNode ParseName()
    {
        var token = Expect(TokenKind.Name);
        return new NameNode(token.Value!, LocationFrom(token));
    }

    private ValueNode ParseValueLiteral(bool isConst)
    {
        var token = _token;
        switch (token.Kind)
        {
            case TokenKind.BracketLeft:
            {
                Enter();
                var values = Any(TokenKind.BracketLeft, () => ParseValueLiteral(isConst), TokenKind.BracketRight);
                Leave();
                return new ListValueNode(values, LocationFrom(token));
            }

            case TokenKind.BraceLeft:
            {
                Enter();
                var fields = Any(TokenKind.BraceLeft, () => ParseObjectField(isConst), TokenKind.BraceRight);
                Leave();
                return new ObjectValueNode(fields, LocationFrom(token));
            }

            case TokenKind.Int:
                Advance();
                return new IntValueNode(token.Value!, LocationFrom(token));
            case TokenKind.Float:
                Advance();
                return new FloatValueNode(token.Value!, LocationFrom(token));
            case TokenKind.String or TokenKind.BlockString:
                return ParseStringLiteral();
            case TokenKind.Name:
                Advance();
                return token.Value switch
                {
                    "true" => new BooleanValueNode(true, LocationFrom(token)),
                    "false" => new BooleanValueNode(false, LocationFrom(token)),
                    "null" => new NullValueNode(LocationFrom(token)),
                    _ => new EnumValueNode(token.Value!, LocationFrom(token)),
                };
            case TokenKind.Dollar:
                if (isConst)
                {
                    Advance();
                    var varName = _token.Kind == TokenKind.Name ? _token.Value : null;
                    throw new GraphQLSyntaxException(
                        varName is null ? "Unexpected \"$\"." : $"Unexpected variable \"${varName}\" in constant value.",
                        new SourceLocation(token.Line, token.Column));
                }

                return ParseVariable();
            default:
                throw Unexpected();
        }
    }

    private StringValueNode ParseStringLiteral()
    {
        var token = _token;
        Advance();
        return new StringValueNode(token.Value!, token.Kind == TokenKind.BlockString, LocationFrom(token));
    }

    private ObjectFieldNode ParseObjectField(bool isConst)
    {
        var start = _token;
        var name = ParseName();
        Expect(TokenKind.Colon);
        var value = ParseValueLiteral(isConst);
        return new ObjectFieldNode(name, value, LocationFrom(start));
    }

    private List<DirectiveNode> ParseDirectives(bool isConst)
    {
        List<DirectiveNode>? directives = null;
        while (Peek(TokenKind.At))
            (directives ??= []).Add(ParseDirective(isConst));
        return directives ?? [];
    }

    private DirectiveNode ParseDirective(bool isConst)
    {
        var start = _token;
        Expect(TokenKind.At);
        var name = ParseName();
        var arguments = ParseArguments(isConst);
        return new DirectiveNode(name, arguments, LocationFrom(start));
    }

    private TypeNode ParseTypeReference()
    {
        var start = _token;
        TypeNode type;
        if (Skip(TokenKind.BracketLeft))
        {
            Enter();
            var inner = ParseTypeReference();
            Expect(TokenKind.BracketRight);
            Leave();
            type = new ListTypeNode(inner, LocationFrom(start));
        }
        else
        {
            type = ParseNamedType();
        }

        return Skip(TokenKind.Bang) ? new NonNullTypeNode(type, LocationFrom(start)) : type;
    }

    private NamedTypeNode ParseNamedType()
    {
        var start = _token;
        var name = ParseName();
        return new NamedTypeNode(name, LocationFrom(start));
    }

    // ---- Type system (SDL) ----
    // Each definition parser also parses its extension ("extend type ..."): no description, and at least one part.

    private StringValueNode? ParseDescription() =>
        Peek(TokenKind.String) || Peek(TokenKind.BlockString) ? ParseStringLiteral() : null;

    private StringValueNode? ParseHead(bool extension, string keyword)
    {
        var description = extension ? null : ParseDescription();
        ExpectKeyword(keyword);
        return description;
    }

    private void RequireSomething(bool extension, params int[] partCounts)
    {
        if (extension && partCounts.All(count => count == 0))
            throw Unexpected();
    }

    private SchemaDefinitionNode ParseSchemaDefinition(bool extension = false)
    {
        var start = extension ? _previous : _token;
        var description = ParseHead(extension, "schema");
        var directives = ParseDirectives(isConst: true);
        var operationTypes = extension
            ? Optional(TokenKind.BraceLeft, ParseOperationTypeDefinition, TokenKind.BraceRight)
            : Many(TokenKind.BraceLeft, ParseOperationTypeDefinition, TokenKind.BraceRight);
        RequireSomething(extension, directives.Count, operationTypes.Count);
        return new SchemaDefinitionNode(description, directives, operationTypes, extension, LocationFrom(start));
    }

    private OperationTypeDefinitionNode ParseOperationTypeDefinition()
    {
        var start = _token;
        var operation = ParseOperationType();
        Expect(TokenKind.Colon);
        var type = ParseNamedType();
        return new OperationTypeDefinitionNode(operation, type, LocationFrom(start));
    }

    private ScalarTypeDefinitionNode ParseScalarTypeDefinition(bool extension = false)
    {
        var start = extension ? _previous : _token;
        var description = ParseHead(extension, "scalar");
        var name = ParseName();
        var directives = ParseDirectives(isConst: true);
        RequireSomething(extension, directives.Count);
        return new ScalarTypeDefinitionNode(description, name, directives, extension, LocationFrom(start));
    }

    private TypeDefinitionNode ParseObjectOrInterfaceDefinition(string keyword, bool extension = false)
    {
        var start = extension ? _previous : _token;
        var description = ParseHead(extension, keyword);
        var name = ParseName();
        var interfaces = ParseImplementsInterfaces();
        var directives = ParseDirectives(isConst: true);
        var fields = Optional(TokenKind.BraceLeft, ParseFieldDefinition, TokenKind.BraceRight);
        RequireSomething(extension, interfaces.Count, directives.Count, fields.Count);
        return keyword == "type"
            ? new ObjectTypeDefinitionNode(description, name, interfaces, directives, fields, extension, LocationFrom(start))
            : new InterfaceTypeDefinitionNode(description, name, interfaces, directives, fields, extension, LocationFrom(start));
    }

    private List<NamedTypeNode> ParseImplementsInterfaces()
    {
        if (!SkipKeyword("implements"))
            return [];
        Skip(TokenKind.Ampersand);
        var types = new List<NamedTypeNode>();
        do
        {
            types.Add(ParseNamedType());
        }
        while (Skip(TokenKind.Ampersand));
        return types;
    }

    private FieldDefinitionNode ParseFieldDefinition()
    {
        var start = _token;
        var description = ParseDescription();
        var name = ParseName();
        var arguments = Optional(TokenKind.ParenLeft, ParseInputValueDefinition, TokenKind.ParenRight);
        Expect(TokenKind.Colon);
        var type = ParseTypeReference();
        var directives = ParseDirectives(isConst: true);
        return new FieldDefinitionNode(description, name, arguments, type, directives, LocationFrom(start));
    }

    private InputValueDefinitionNode ParseInputValueDefinition()
    {
        var start = _token;
        var description = ParseDescription();
        var name = ParseName();
        Expect(TokenKind.Colon);
        var type = ParseTypeReference();
        ValueNode? defaultValue = null;
        if (Skip(TokenKind.Equals))
            defaultValue = ParseValueLiteral(isConst: true);
        var directives = ParseDirectives(isConst: true);
        return new InputValueDefinitionNode(description, name, type, defaultValue, directives, LocationFrom(start));
    }

    private UnionTypeDefinitionNode ParseUnionTypeDefinition(bool extension = false)
    {
        var start = extension ? _previous : _token;
        var description = ParseHead(extension, "union");
        var name = ParseName();
        var directives = ParseDirectives(isConst: true);
        var types = new List<NamedTypeNode>();
        if (Skip(TokenKind.Equals))
        {
            Skip(TokenKind.Pipe);
            do
            {
                types.Add(ParseNamedType());
            }
            while (Skip(TokenKind.Pipe));
        }

        RequireSomething(extension, directives.Count, types.Count);
        return new UnionTypeDefinitionNode(description, name, directives, types, extension, LocationFrom(start));
    }

    private EnumTypeDefinitionNode ParseEnumTypeDefinition(bool extension = false)
    {
        var start = extension ? _previous : _token;
        var description = ParseHead(extension, "enum");
        var name = ParseName();
        var directives = ParseDirectives(isConst: true);
        var values = Optional(TokenKind.BraceLeft, ParseEnumValueDefinition, TokenKind.BraceRight);
        RequireSomething(extension, directives.Count, values.Count);
        return new EnumTypeDefinitionNode(description, name, directives, values, extension, LocationFrom(start));
    }

    private EnumValueDefinitionNode ParseEnumValueDefinition()
    {
        var start = _token;
        var description = ParseDescription();
        if (_token.Kind == TokenKind.Name && _token.Value is "true" or "false" or "null")
        {
            throw new GraphQLSyntaxException(
                $"{_token.Value} is reserved and cannot be used for an enum value.",
                new SourceLocation(_token.Line, _token.Column));
        }

        var name = ParseName();
        var directives = ParseDirectives(isConst: true);
        return new EnumValueDefinitionNode(description, name, directives, LocationFrom(start));
    }

    private InputObjectTypeDefinitionNode ParseInputObjectTypeDefinition(bool extension = false)
    {
        var start = extension ? _previous : _token;
        var description = ParseHead(extension, "input");
        var name = ParseName();
        var directives = ParseDirectives(isConst: true);
        var fields = Optional(TokenKind.BraceLeft, ParseInputValueDefinition, TokenKind.BraceRight);
        RequireSomething(extension, directives.Count, fields.Count);
        return new InputObjectTypeDefinitionNode(description, name, directives, fields, extension, LocationFrom(start));
    }

    private DirectiveDefinitionNode ParseDirectiveDefinition()
    {
        var start = _token;
        var description = ParseDescription();
        ExpectKeyword("directive");
        Expect(TokenKind.At);
        var name = ParseName();
        var arguments = Optional(TokenKind.ParenLeft, ParseInputValueDefinition, TokenKind.ParenRight);
        var repeatable = SkipKeyword("repeatable");
        ExpectKeyword("on");
        Skip(TokenKind.Pipe);
        var locations = new List<NameNode>();
        do
        {
            var location = ParseName();
            if (!DirectiveLocations.IsValid(location.Value))
                throw Unexpected(_previous);
            locations.Add(location);
        }
        while (Skip(TokenKind.Pipe));
        return new DirectiveDefinitionNode(description, name, arguments, repeatable, locations, LocationFrom(start));
    }

    private TypeSystemNode ParseTypeSystemExtension()
    {
        ExpectKeyword("extend");
        return _token switch
        {
            { Kind: TokenKind.Name, Value: "schema" } => ParseSchemaDefinition(extension: true),
            { Kind: TokenKind.Name, Value: "scalar" } => ParseScalarTypeDefinition(extension: true),
            { Kind: TokenKind.Name, Value: "type" or "interface" } => ParseObjectOrInterfaceDefinition(_token.Value!, extension: true),
            { Kind: TokenKind.Name, Value: "union" } => ParseUnionTypeDefinition(extension: true),
            { Kind: TokenKind.Name, Value: "enum" } => ParseEnumTypeDefinition(extension: true),
            { Kind: TokenKind.Name, Value: "input" } => ParseInputObjectTypeDefinition(extension: true),
            _ => throw Unexpected(),
        };
    }
}

using GraphQL.Engine.Execution;
using GraphQL.Engine.Introspection;
using GraphQL.Engine.Language;
using GraphQL.Engine.Types.Scalars;

namespace GraphQL.Engine.Types.Building;

/// <summary>
/// Turns parsed SDL into linked type objects in two passes (create every named type, then fill fields and
/// references), binds resolvers, and runs <see cref="SchemaValidator"/>. Problems are collected, never thrown one by one.
/// </summary>
internal sealed class SchemaAssembler(
    IReadOnlyList<string> typeDefinitions,
    IReadOnlyDictionary<(string Type, string Field), Func<IResolverContext, ValueTask<object?>>> resolvers,
    IReadOnlyDictionary<(string Type, string Field), Func<IResolverContext, IAsyncEnumerable<object?>>> subscribers,
    IReadOnlyDictionary<string, Func<object, string?>> typeResolvers,
    IReadOnlyDictionary<string, ScalarType> customScalars)
{
    private static readonly ParserOptions SdlOptions = new() { MaxTokens = null, MaxDepth = 1_000 };

    private readonly List<string> _problems = [];
    private readonly Dictionary<string, NamedType> _types = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DirectiveDefinition> _directives = new(StringComparer.Ordinal);
    private readonly List<(InputValueDefinition Value, string Owner)> _defaults = [];

    public Schema Assemble()
    {
        var definitions = ParseAll();
        definitions.AddRange(Parser.Parse(IntrospectionSchema.Sdl, SdlOptions).Definitions);
        foreach (var directive in BuiltInDirectives.Create())
            _directives[directive.Name] = directive;
        foreach (var scalar in BuiltInScalars.All)
            _types[scalar.Name] = scalar;

        var typeNodes = definitions.OfType<TypeDefinitionNode>().ToList();
        CreateTypes(typeNodes.Where(n => !n.IsExtension));
        foreach (var extension in typeNodes.Where(n => n.IsExtension))
        {
            if (_types.TryGetValue(extension.Name.Value, out var target) && !BuiltInScalars.IsBuiltIn(target.Name))
                target.AstNodes.Add(extension);
            else
                Problem($"Cannot extend type \"{extension.Name.Value}\" because it is not defined.", extension);
        }

        foreach (var type in _types.Values)
            Fill(type);
        foreach (var directiveNode in definitions.OfType<DirectiveDefinitionNode>())
            DefineDirective(directiveNode);
        foreach (var (value, owner) in _defaults)
            CoerceDefault(value, owner);

        var schemaNodes = definitions.OfType<SchemaDefinitionNode>().ToList();
        var (query, mutation, subscription) = ResolveRootTypes(schemaNodes);
        BindResolvers();
        if (query is null)
            throw new SchemaValidationException([.. _problems, "The schema has no query root type: define \"type Query\"."]);

        var schema = new Schema(query, mutation, subscription, _types.Values, _directives.Values, schemaNodes.FirstOrDefault(n => !n.IsExtension)?.Description?.Value);
        IntrospectionSchema.AttachMetaFields(schema);
        _problems.AddRange(new SchemaValidator(schema).Validate());
        if (_problems.Count > 0)
            throw new SchemaValidationException(_problems);
        return schema;
    }

    private void Problem(string message, SyntaxNode? node) =>
        _problems.Add(node is null ? message : $"{message} (line {node.Location.Line}, column {node.Location.Column})");

    private List<DefinitionNode> ParseAll()
    {
        var definitions = new List<DefinitionNode>();
        for (var i = 0; i < typeDefinitions.Count; i++)
        {
            try
            {
                definitions.AddRange(Parser.Parse(typeDefinitions[i], SdlOptions).Definitions);
            }
            catch (GraphQLSyntaxException e)
            {
                _problems.Add($"Type definitions #{i + 1}: {e.Message} (line {e.Location.Line}, column {e.Location.Column})");
            }
        }

        foreach (var executable in definitions.OfType<ExecutableDefinitionNode>())
            Problem("Type definitions must not contain operations or fragments.", executable);
        foreach (var reserved in definitions.OfType<TypeDefinitionNode>().Where(d => IntrospectionSchema.IsIntrospectionType(d.Name.Value)))
            Problem($"Name \"{reserved.Name.Value}\" must not begin with \"__\", which is reserved by GraphQL introspection.", reserved);
        return definitions;
    }

    private void CreateTypes(IEnumerable<TypeDefinitionNode> nodes)
    {
        foreach (var node in nodes)
        {
            var name = node.Name.Value;
            if (_types.ContainsKey(name) && !(node is ScalarTypeDefinitionNode && BuiltInScalars.IsBuiltIn(name)))
            {
                Problem($"There can be only one type named \"{name}\".", node);
                continue;
            }

            if (BuiltInScalars.IsBuiltIn(name))
                continue;
            NamedType type = node switch
            {
                ScalarTypeDefinitionNode => CreateScalar(name),
                ObjectTypeDefinitionNode => new ObjectType(name),
                InterfaceTypeDefinitionNode => new InterfaceType(name) { TypeResolver = typeResolvers.GetValueOrDefault(name) },
                UnionTypeDefinitionNode => new UnionType(name) { TypeResolver = typeResolvers.GetValueOrDefault(name) },
                EnumTypeDefinitionNode => new EnumType(name),
                InputObjectTypeDefinitionNode => new InputObjectType(name),
                _ => throw new InvalidOperationException($"Unexpected definition {node.GetType().Name}."),
            };
            type.Description = node.Description?.Value;
            type.AstNodes.Add(node);
            _types[name] = type;
        }

        foreach (var name in typeResolvers.Keys.Where(n => _types.GetValueOrDefault(n) is not (InterfaceType or UnionType)))
            _problems.Add($"A type resolver was added for \"{name}\", which is not an interface or union in the schema.");
        foreach (var name in customScalars.Keys.Where(n => _types.GetValueOrDefault(n) is not ScalarType))
            _problems.Add($"A scalar implementation was added for \"{name}\", but the SDL does not declare \"scalar {name}\".");
    }

    private ScalarType CreateScalar(string name) =>
        (customScalars.GetValueOrDefault(name) ?? ExtendedScalars.All.FirstOrDefault(s => s.Name == name)) is { } shared
            ? new DeclaredScalar(shared)
            : new PassThroughScalar(name);

    private GraphQLType? Resolve(TypeNode node, string context)
    {
        switch (node)
        {
            case NonNullTypeNode nonNull:
                return Resolve(nonNull.Type, context) is { } inner ? new NonNullType(inner) : null;
            case ListTypeNode list:
                return Resolve(list.Type, context) is { } item ? new ListType(item) : null;
            default:
                var named = (NamedTypeNode)node;
                if (_types.TryGetValue(named.Name.Value, out var type))
                    return type;
                Problem($"Unknown type \"{named.Name.Value}\" referenced by {context}.", named);
                return null;
        }
    }

    private void Fill(NamedType type)
    {
        foreach (var node in type.AstNodes)
        {
            switch (node, type)
            {
                case (ObjectTypeDefinitionNode o, ComplexType complex):
                    FillComplex(complex, o.Interfaces, o.Fields);
                    break;
                case (InterfaceTypeDefinitionNode i, ComplexType complex):
                    FillComplex(complex, i.Interfaces, i.Fields);
                    break;
                case (UnionTypeDefinitionNode u, UnionType union):
                    foreach (var member in u.Types)
                    {
                        if (Resolve(member, $"union \"{union.Name}\"") is ObjectType objectType)
                        {
                            if (union.Types.Any(t => t.Name == objectType.Name))
                                Problem($"Union type {union.Name} can only include type {objectType.Name} once.", member);
                            else
                                union.AddType(objectType);
                        }
                        else if (_types.ContainsKey(member.Name.Value))
                        {
                            Problem($"Union type {union.Name} can only include Object types, it cannot include {member.Name.Value}.", member);
                        }
                    }

                    break;
                case (EnumTypeDefinitionNode e, EnumType enumType):
                    foreach (var valueNode in e.Values)
                    {
                        var value = new EnumValueDefinition(valueNode.Name.Value, valueNode.Name.Value)
                        {
                            Description = valueNode.Description?.Value,
                            DeprecationReason = DeprecationReason(valueNode.Directives),
                            AstNode = valueNode,
                        };
                        if (!enumType.AddValue(value))
                            Problem($"Enum value \"{enumType.Name}.{value.Name}\" can only be defined once.", valueNode);
                    }

                    break;
                case (InputObjectTypeDefinitionNode i, InputObjectType input):
                    if (i.Directives.Any(d => d.Name.Value == "oneOf"))
                        input.IsOneOf = true;
                    foreach (var fieldNode in i.Fields)
                    {
                        var field = InputValue(fieldNode, $"input field \"{input.Name}.{fieldNode.Name.Value}\"");
                        if (field is not null && !input.AddField(field))
                            Problem($"Input field \"{input.Name}.{field.Name}\" can only be defined once.", fieldNode);
                    }

                    break;
                case (ScalarTypeDefinitionNode s, ScalarType scalar):
                    var specifiedBy = s.Directives.FirstOrDefault(d => d.Name.Value == "specifiedBy");
                    if (specifiedBy?.Arguments.FirstOrDefault(a => a.Name.Value == "url")?.Value is StringValueNode url)
                        scalar.SpecifiedByUrl = url.Value;
                    break;
            }
        }
    }

    private void FillComplex(ComplexType type, IReadOnlyList<NamedTypeNode> interfaces, IReadOnlyList<FieldDefinitionNode> fields)
    {
        foreach (var interfaceNode in interfaces)
        {
            var resolved = Resolve(interfaceNode, $"\"{type.Name}\" implements");
            if (resolved is InterfaceType iface)
            {
                if (type.Interfaces.Any(i => i.Name == iface.Name))
                    Problem($"Type {type.Name} can only implement {iface.Name} once.", interfaceNode);
                else
                    type.AddInterface(iface);
            }
            else if (resolved is not null)
            {
                Problem($"Type {type.Name} must only implement Interface types, it cannot implement {interfaceNode.Name.Value}.", interfaceNode);
            }
        }

        foreach (var fieldNode in fields)
        {
            var fieldType = Resolve(fieldNode.Type, $"field \"{type.Name}.{fieldNode.Name.Value}\"");
            if (fieldType is null)
                continue;
            var arguments = new List<InputValueDefinition>();
            foreach (var argumentNode in fieldNode.Arguments)
            {
                var argument = InputValue(argumentNode, $"argument \"{type.Name}.{fieldNode.Name.Value}({argumentNode.Name.Value}:)\"");
                if (argument is null)
                    continue;
                if (arguments.Any(a => a.Name == argument.Name))
                    Problem($"Argument \"{type.Name}.{fieldNode.Name.Value}({argument.Name}:)\" can only be defined once.", argumentNode);
                else
                    arguments.Add(argument);
            }

            var field = new FieldDefinition(fieldNode.Name.Value, fieldType)
            {
                Description = fieldNode.Description?.Value,
                DeprecationReason = DeprecationReason(fieldNode.Directives),
                Arguments = arguments,
                AstNode = fieldNode,
            };
            if (!type.AddField(field))
                Problem($"Field \"{type.Name}.{field.Name}\" can only be defined once.", fieldNode);
        }
    }

    private InputValueDefinition? InputValue(InputValueDefinitionNode node, string context)
    {
        var type = Resolve(node.Type, context);
        if (type is null)
            return null;
        var value = new InputValueDefinition(node.Name.Value, type)
        {
            Description = node.Description?.Value,
            DeprecationReason = DeprecationReason(node.Directives),
            DefaultValueLiteral = node.DefaultValue,
            AstNode = node,
        };
        if (node.DefaultValue is not null)
            _defaults.Add((value, context));
        return value;
    }

    private void CoerceDefault(InputValueDefinition value, string owner)
    {
        try
        {
            value.DefaultValue = ValueCoercion.CoerceLiteral(value.DefaultValueLiteral!, value.Type, variables: null);
        }
        catch (CoercionException e)
        {
            Problem($"The default value of {owner} is invalid: {e.Message}", value.DefaultValueLiteral);
        }
    }

    private static string? DeprecationReason(IReadOnlyList<DirectiveNode> directives)
    {
        var deprecated = directives.FirstOrDefault(d => d.Name.Value == "deprecated");
        if (deprecated is null)
            return null;
        return deprecated.Arguments.FirstOrDefault(a => a.Name.Value == "reason")?.Value is StringValueNode reason
            ? reason.Value
            : BuiltInDirectives.DefaultDeprecationReason;
    }

    private void DefineDirective(DirectiveDefinitionNode node)
    {
        var name = node.Name.Value;
        if (_directives.ContainsKey(name))
        {
            // Redeclaring a built-in directive with the spec's shape is common in SDL dumps; anything else is a clash.
            if (!BuiltInDirectives.IsBuiltIn(name))
                Problem($"There can be only one directive named \"@{name}\".", node);
            return;
        }

        var arguments = new List<InputValueDefinition>();
        foreach (var argumentNode in node.Arguments)
        {
            var argument = InputValue(argumentNode, $"argument \"@{name}({argumentNode.Name.Value}:)\"");
            if (argument is not null)
                arguments.Add(argument);
        }

        foreach (var argument in arguments)
        {
            if (argument.DefaultValueLiteral is not null)
                CoerceDefault(argument, $"argument \"@{name}({argument.Name}:)\"");
        }

        _directives[name] = new DirectiveDefinition(name, [.. node.Locations.Select(l => l.Value)], node.Repeatable)
        {
            Description = node.Description?.Value,
            Arguments = arguments,
            AstNode = node,
        };
    }

    private (ObjectType? Query, ObjectType? Mutation, ObjectType? Subscription) ResolveRootTypes(List<SchemaDefinitionNode> schemaNodes)
    {
        var definitions = schemaNodes.Where(n => !n.IsExtension).ToList();
        if (definitions.Count > 1)
            Problem("Must provide only one schema definition.", definitions[1]);
        var operationTypes = schemaNodes.SelectMany(n => n.OperationTypes).ToList();
        if (definitions.Count == 0 && operationTypes.Count == 0)
        {
            return (_types.GetValueOrDefault("Query") as ObjectType,
                _types.GetValueOrDefault("Mutation") as ObjectType,
                _types.GetValueOrDefault("Subscription") as ObjectType);
        }

        ObjectType? Root(OperationType operation)
        {
            var matches = operationTypes.Where(o => o.Operation == operation).ToList();
            if (matches.Count > 1)
                Problem($"Type for {operation.ToString().ToLowerInvariant()} already defined in the schema.", matches[1]);
            if (matches.Count == 0)
                return null;
            var type = _types.GetValueOrDefault(matches[0].Type.Name.Value);
            if (type is ObjectType objectType)
                return objectType;
            Problem(type is null
                ? $"Unknown type \"{matches[0].Type.Name.Value}\" used as {operation.ToString().ToLowerInvariant()} root type."
                : $"{operation} root type must be Object type, it cannot be {type.Name}.", matches[0]);
            return null;
        }

        return (Root(OperationType.Query), Root(OperationType.Mutation), Root(OperationType.Subscription));
    }

    private void BindResolvers()
    {
        foreach (var (typeName, fieldName, resolver) in IntrospectionSchema.Resolvers())
            ((ComplexType)_types[typeName]).GetField(fieldName)!.Resolver = context => new ValueTask<object?>(resolver(context));
        foreach (var ((typeName, fieldName), resolver) in resolvers)
        {
            if (FindField(typeName, fieldName, "resolver") is { } field)
                field.Resolver = resolver;
        }

        foreach (var ((typeName, fieldName), subscribe) in subscribers)
        {
            if (FindField(typeName, fieldName, "subscription") is { } field)
                field.Subscriber = subscribe;
        }
    }

    private FieldDefinition? FindField(string typeName, string fieldName, string what)
    {
        if (_types.GetValueOrDefault(typeName) is not ComplexType type)
        {
            _problems.Add($"A {what} was added for \"{typeName}.{fieldName}\", but the schema has no object or interface type \"{typeName}\".");
            return null;
        }

        var field = type.GetField(fieldName);
        if (field is null)
        {
            var known = string.Join(", ", type.Fields.Select(f => f.Name));
            _problems.Add($"A {what} was added for \"{typeName}.{fieldName}\", but \"{typeName}\" has no field \"{fieldName}\" (its fields: {known}).");
        }

        return field;
    }
}

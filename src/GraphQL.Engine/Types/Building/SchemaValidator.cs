using GraphQL.Engine.Introspection;
using GraphQL.Engine.Language;

namespace GraphQL.Engine.Types.Building;

/// <summary>The type-system validation of the specification (section 3), run once at start-up.</summary>
internal sealed class SchemaValidator(Schema schema)
{
    private readonly List<string> _problems = [];

    public List<string> Validate()
    {
        foreach (var directive in schema.Directives)
            ValidateDirective(directive);
        foreach (var type in schema.Types)
        {
            if (IntrospectionSchema.IsIntrospectionType(type.Name))
                continue;

            switch (type)
            {
                case ComplexType complex: ValidateComplex(complex); break;
                case UnionType union when union.Types.Count == 0:
                    Problem($"Union type {union.Name} must define one or more member types.", union.AstNodes.FirstOrDefault());
                    break;
                case EnumType enumType: ValidateEnum(enumType); break;
                case InputObjectType input: ValidateInput(input); break;
            }
        }

        return _problems;
    }

    private void Problem(string message, SyntaxNode? node) =>
        _problems.Add(node is null ? message : $"{message} (line {node.Location.Line}, column {node.Location.Column})");

    private void ValidateName(string name, SyntaxNode? node)
    {
        if (name.StartsWith("__", StringComparison.Ordinal))
            Problem($"Name \"{name}\" must not begin with \"__\", which is reserved by GraphQL introspection.", node);
    }

    private void ValidateDirective(DirectiveDefinition directive)
    {
        if (directive.AstNode is null)
            return;
        ValidateName(directive.Name, directive.AstNode);
        ValidateArguments($"@{directive.Name}", directive.Arguments);
    }

    private void ValidateArguments(string owner, IReadOnlyList<InputValueDefinition> arguments)
    {
        foreach (var argument in arguments)
        {
            ValidateName(argument.Name, argument.AstNode);
            if (!argument.Type.IsInputType)
                Problem($"The type of {owner}({argument.Name}:) must be Input Type but got: {argument.Type}.", argument.AstNode);
            if (argument.Type is NonNullType && !argument.HasDefaultValue && argument.IsDeprecated)
                Problem($"Required argument {owner}({argument.Name}:) cannot be deprecated.", argument.AstNode);
        }
    }

    private void ValidateComplex(ComplexType type)
    {
        if (type.Fields.Count == 0)
            Problem($"Type {type.Name} must define one or more fields.", type.AstNodes.FirstOrDefault());
        foreach (var field in type.Fields)
        {
            ValidateName(field.Name, field.AstNode);
            if (!field.Type.IsOutputType)
                Problem($"The type of {type.Name}.{field.Name} must be Output Type but got: {field.Type}.", field.AstNode);
            ValidateArguments($"{type.Name}.{field.Name}", field.Arguments);
        }

        foreach (var iface in type.Interfaces)
        {
            if (iface.Name == type.Name)
            {
                Problem($"Type {type.Name} cannot implement itself because it would create a circular reference.", type.AstNodes.FirstOrDefault());
                continue;
            }

            foreach (var transitive in iface.Interfaces)
            {
                if (transitive.Name != type.Name && type.Interfaces.All(i => i.Name != transitive.Name))
                {
                    Problem(transitive.Name == type.Name
                        ? $"Type {type.Name} cannot implement {iface.Name} because it would create a circular reference."
                        : $"Type {type.Name} must implement {transitive.Name} because it is implemented by {iface.Name}.", type.AstNodes.FirstOrDefault());
                }
                else if (transitive.Name == type.Name)
                {
                    Problem($"Type {type.Name} cannot implement {iface.Name} because it would create a circular reference.", type.AstNodes.FirstOrDefault());
                }
            }

            ValidateImplementation(type, iface);
        }
    }

    private void ValidateImplementation(ComplexType type, InterfaceType iface)
    {
        foreach (var interfaceField in iface.Fields)
        {
            var field = type.GetField(interfaceField.Name);
            if (field is null)
            {
                Problem($"Interface field {iface.Name}.{interfaceField.Name} expected but {type.Name} does not provide it.", type.AstNodes.FirstOrDefault());
                continue;
            }

            if (!schema.IsTypeSubTypeOf(field.Type, interfaceField.Type))
            {
                Problem($"Interface field {iface.Name}.{interfaceField.Name} expects type {interfaceField.Type} but {type.Name}.{field.Name} is type {field.Type}.", field.AstNode);
            }

            foreach (var interfaceArgument in interfaceField.Arguments)
            {
                var argument = field.GetArgument(interfaceArgument.Name);
                if (argument is null)
                {
                    Problem($"Interface field argument {iface.Name}.{interfaceField.Name}({interfaceArgument.Name}:) expected but {type.Name}.{field.Name} does not provide it.", field.AstNode);
                }
                else if (!GraphQLType.AreEqual(argument.Type, interfaceArgument.Type))
                {
                    Problem($"Interface field argument {iface.Name}.{interfaceField.Name}({interfaceArgument.Name}:) expects type {interfaceArgument.Type} but {type.Name}.{field.Name}({argument.Name}:) is type {argument.Type}.", argument.AstNode);
                }
            }

            foreach (var argument in field.Arguments)
            {
                if (interfaceField.GetArgument(argument.Name) is null && argument.Type is NonNullType && !argument.HasDefaultValue)
                {
                    Problem($"Argument \"{type.Name}.{field.Name}({argument.Name}:)\" must not be required type \"{argument.Type}\" if not provided by the Interface field \"{iface.Name}.{interfaceField.Name}\".", argument.AstNode);
                }
            }
        }
    }

    private void ValidateEnum(EnumType type)
    {
        if (type.Values.Count == 0)
            Problem($"Enum type {type.Name} must define one or more values.", type.AstNodes.FirstOrDefault());
        foreach (var value in type.Values)
            ValidateName(value.Name, value.AstNode);
    }

    private void ValidateInput(InputObjectType type)
    {
        if (type.Fields.Count == 0)
            Problem($"Input Object type {type.Name} must define one or more fields.", type.AstNodes.FirstOrDefault());
        foreach (var field in type.Fields)
        {
            ValidateName(field.Name, field.AstNode);
            if (!field.Type.IsInputType)
                Problem($"The type of {type.Name}.{field.Name} must be Input Type but got: {field.Type}.", field.AstNode);
            if (field.Type is NonNullType && !field.HasDefaultValue && field.IsDeprecated)
                Problem($"Required input field {type.Name}.{field.Name} cannot be deprecated.", field.AstNode);
            if (type.IsOneOf && field.Type is NonNullType)
                Problem($"OneOf input field {type.Name}.{field.Name} must be nullable.", field.AstNode);
            if (type.IsOneOf && field.HasDefaultValue)
                Problem($"OneOf input field {type.Name}.{field.Name} cannot have a default value.", field.AstNode);
        }

        var cycle = FindNonNullCycle(type, type, [], []);
        if (cycle is not null)
            Problem($"Cannot reference Input Object \"{type.Name}\" within itself through a series of non-null fields: \"{cycle}\".", type.AstNodes.FirstOrDefault());
    }

    /// <summary>An input object that requires itself through non-null fields can never be written; find such a path.</summary>
    private static string? FindNonNullCycle(InputObjectType start, InputObjectType current, List<string> path, HashSet<string> visited)
    {
        foreach (var field in current.Fields)
        {
            if (field.Type is not NonNullType { OfType: InputObjectType next })
                continue;
            path.Add(field.Name);
            if (next.Name == start.Name)
                return string.Join('.', path);
            if (visited.Add(next.Name) && FindNonNullCycle(start, next, path, visited) is { } found)
                return found;
            path.RemoveAt(path.Count - 1);
        }

        return null;
    }
}

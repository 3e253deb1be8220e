using GraphQL.Engine.Execution;
using GraphQL.Engine.Language;

namespace GraphQL.Engine.Types;

/// <summary>A field of an object or interface type, with the resolver bound to it (if any).</summary>
public sealed class FieldDefinition(string name, GraphQLType type)
{
    public string Name { get; } = name;

    public GraphQLType Type { get; internal set; } = type;

    public string? Description { get; internal set; }

    public string? DeprecationReason { get; internal set; }

    public bool IsDeprecated => DeprecationReason is not null;

    public IReadOnlyList<InputValueDefinition> Arguments { get; internal set; } = [];

    public FieldDefinitionNode? AstNode { get; internal set; }

    /// <summary>The bound resolver; <c>null</c> means "read the parent's member of the same name".</summary>
    public Func<IResolverContext, ValueTask<object?>>? Resolver { get; internal set; }

    /// <summary>For subscription root fields: produces the event stream.</summary>
    public Func<IResolverContext, IAsyncEnumerable<object?>>? Subscriber { get; internal set; }

    /// <summary>Set once the resolver has completed asynchronously: from then on it gets a telemetry span.</summary>
    internal bool LeavesProcess { get; set; }

    public InputValueDefinition? GetArgument(string argumentName)
    {
        foreach (var argument in Arguments)
        {
            if (argument.Name == argumentName)
                return argument;
        }

        return null;
    }
}

/// <summary>An argument of a field or directive, or a field of an input object.</summary>
public sealed class InputValueDefinition(string name, GraphQLType type)
{
    public string Name { get; } = name;

    public GraphQLType Type { get; internal set; } = type;

    public string? Description { get; internal set; }

    public string? DeprecationReason { get; internal set; }

    public bool IsDeprecated => DeprecationReason is not null;

    /// <summary>The default as written in SDL (printed by introspection).</summary>
    public ValueNode? DefaultValueLiteral { get; internal set; }

    /// <summary>The default, coerced to its runtime value; valid only when <see cref="HasDefaultValue"/>.</summary>
    public object? DefaultValue { get; internal set; }

    public bool HasDefaultValue => DefaultValueLiteral is not null;

    public InputValueDefinitionNode? AstNode { get; internal set; }
}

/// <summary>A directive the schema knows: built-in (<c>@skip</c>, <c>@deprecated</c>...) or defined in SDL.</summary>
public sealed class DirectiveDefinition(string name, IReadOnlyList<string> locations, bool isRepeatable = false)
{
    public string Name { get; } = name;

    public string? Description { get; internal set; }

    public IReadOnlyList<string> Locations { get; } = locations;

    public bool IsRepeatable { get; } = isRepeatable;

    public IReadOnlyList<InputValueDefinition> Arguments { get; internal set; } = [];

    public DirectiveDefinitionNode? AstNode { get; internal set; }

    public InputValueDefinition? GetArgument(string argumentName) => Arguments.FirstOrDefault(a => a.Name == argumentName);
}

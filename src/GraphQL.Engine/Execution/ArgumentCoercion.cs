using GraphQL.Engine.Language;
using GraphQL.Engine.Types;

namespace GraphQL.Engine.Execution;

/// <summary>CoerceArgumentValues of the specification, for fields and directives.</summary>
internal static class ArgumentCoercion
{
    public static readonly IReadOnlyDictionary<string, object?> None = new Dictionary<string, object?>();

    public static IReadOnlyDictionary<string, object?> Coerce(
        IReadOnlyList<InputValueDefinition> definitions,
        IReadOnlyList<ArgumentNode> nodes,
        IReadOnlyDictionary<string, object?> variables)
    {
        if (definitions.Count == 0)
            return None;
        var coerced = new Dictionary<string, object?>(definitions.Count, StringComparer.Ordinal);
        foreach (var definition in definitions)
        {
            ArgumentNode? node = null;
            foreach (var candidate in nodes)
            {
                if (candidate.Name.Value == definition.Name)
                {
                    node = candidate;
                    break;
                }
            }

            object? value = null;
            bool hasValue;
            if (node?.Value is VariableNode variable)
                hasValue = variables.TryGetValue(variable.Name.Value, out value);
            else
                hasValue = node is not null;

            if (!hasValue && definition.HasDefaultValue)
            {
                coerced[definition.Name] = definition.DefaultValue;
                continue;
            }

            if (definition.Type is NonNullType)
            {
                if (!hasValue)
                    throw new CoercionException($"Argument \"{definition.Name}\" of required type \"{definition.Type}\" was not provided.");
                if (node!.Value is NullValueNode || (node.Value is VariableNode && value is null))
                    throw new CoercionException($"Argument \"{definition.Name}\" of non-null type \"{definition.Type}\" must not be null.");
            }

            if (!hasValue)
                continue;
            if (node!.Value is VariableNode)
            {
                coerced[definition.Name] = value;
                continue;
            }

            try
            {
                coerced[definition.Name] = ValueCoercion.CoerceLiteral(node.Value, definition.Type, variables);
            }
            catch (CoercionException e)
            {
                throw new CoercionException($"Argument \"{definition.Name}\" has invalid value {Printer.Print(node.Value)}: {e.Message}");
            }
        }

        return coerced;
    }
}

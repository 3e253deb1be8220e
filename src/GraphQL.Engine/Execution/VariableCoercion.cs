using GraphQL.Engine.Language;
using GraphQL.Engine.Types;
using GraphQL.Engine.Utilities;

namespace GraphQL.Engine.Execution;

/// <summary>CoerceVariableValues of the specification: every problem becomes a request error naming the variable.</summary>
internal static class VariableCoercion
{
    private static readonly IReadOnlyDictionary<string, object?> Empty = new Dictionary<string, object?>();

    public static IReadOnlyDictionary<string, object?> Coerce(
        Schema schema,
        OperationDefinitionNode operation,
        IReadOnlyDictionary<string, object?>? inputs,
        List<GraphQLError> errors)
    {
        if (operation.VariableDefinitions.Count == 0)
            return Empty;
        var coerced = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var definition in operation.VariableDefinitions)
        {
            var name = definition.Variable.Name.Value;
            var type = TypeFromAst.Resolve(schema, definition.Type);
            if (type is null || !type.IsInputType)
            {
                errors.Add(GraphQLError.At($"Variable \"${name}\" expected value of type \"{Printer.Print(definition.Type)}\" which cannot be used as an input type.", definition.Type));
                continue;
            }

            object? value = null;
            var hasValue = inputs is not null && inputs.TryGetValue(name, out value);
            if (!hasValue && definition.DefaultValue is not null)
            {
                try
                {
                    coerced[name] = ValueCoercion.CoerceLiteral(definition.DefaultValue, type, null);
                }
                catch (CoercionException e)
                {
                    errors.Add(GraphQLError.At($"Variable \"${name}\" has an invalid default value: {e.Message}", definition.DefaultValue));
                }

                continue;
            }

            if (type is NonNullType && (!hasValue || value is null || value is System.Text.Json.JsonElement { ValueKind: System.Text.Json.JsonValueKind.Null }))
            {
                errors.Add(GraphQLError.At(hasValue
                    ? $"Variable \"${name}\" of non-null type \"{type}\" must not be null."
                    : $"Variable \"${name}\" of required type \"{type}\" was not provided.", definition));
                continue;
            }

            if (!hasValue)
                continue;
            try
            {
                coerced[name] = ValueCoercion.CoerceInput(value, type);
            }
            catch (CoercionException e)
            {
                errors.Add(GraphQLError.At($"Variable \"${name}\" got invalid value {Show(value)}; {e.Message}", definition));
            }
        }

        return coerced;
    }

    private static string Show(object? value)
    {
        try
        {
            return System.Text.Json.JsonSerializer.Serialize(value);
        }
        catch (NotSupportedException)
        {
            return value?.ToString() ?? "null";
        }
    }
}

using System.Collections;
using System.Text.Json;
using GraphQL.Engine.Language;
using GraphQL.Engine.Types;
using GraphQL.Engine.Types.Scalars;

namespace GraphQL.Engine.Execution;

/// <summary>
/// Input coercion of the specification: literals in the document (with already-coerced variables) and
/// external variable values to runtime values. Input objects become ordered maps, lists become lists.
/// </summary>
public static class ValueCoercion
{
    /// <summary>Marks "no value at all" (an unset variable), which differs from an explicit null.</summary>
    private static readonly object Missing = new();

    public static object? CoerceLiteral(ValueNode literal, GraphQLType type, IReadOnlyDictionary<string, object?>? variables)
    {
        var value = Literal(literal, type, variables);
        return ReferenceEquals(value, Missing) ? null : value;
    }

    private static object? Literal(ValueNode literal, GraphQLType type, IReadOnlyDictionary<string, object?>? variables)
    {
        if (literal is VariableNode variable)
        {
            if (variables is null || !variables.TryGetValue(variable.Name.Value, out var variableValue))
                return type is NonNullType ? throw new CoercionException($"Variable \"${variable.Name.Value}\" of required type \"{type}\" was not provided.") : Missing;
            if (variableValue is null && type is NonNullType)
                throw new CoercionException($"Variable \"${variable.Name.Value}\" must not be null here: the type \"{type}\" is non-null.");
            return variableValue;
        }

        if (type is NonNullType nonNull)
        {
            if (literal is NullValueNode)
                throw new CoercionException($"Expected value of non-null type \"{type}\" not to be null.");
            return Literal(literal, nonNull.OfType, variables);
        }

        if (literal is NullValueNode)
            return null;
        switch (type)
        {
            case ListType list:
                if (literal is not ListValueNode listNode)
                    return new List<object?> { NotMissing(Literal(literal, list.OfType, variables), list.OfType) };
                var items = new List<object?>(listNode.Values.Count);
                foreach (var item in listNode.Values)
                    items.Add(NotMissing(Literal(item, list.OfType, variables), list.OfType));
                return items;
            case InputObjectType input:
                if (literal is not ObjectValueNode objectNode)
                    throw new CoercionException($"Expected value of type \"{input.Name}\", found {Printer.Print(literal)}.");
                return InputObjectLiteral(input, objectNode, variables);
            case EnumType enumType:
                if (literal is not EnumValueNode enumNode)
                    throw new CoercionException($"Enum \"{enumType.Name}\" cannot represent non-enum value: {Printer.Print(literal)}.");
                return enumType.GetValue(enumNode.Value)?.Value
                    ?? throw new CoercionException($"Value \"{enumNode.Value}\" does not exist in \"{enumType.Name}\" enum.");
            case ScalarType scalar:
                return scalar.ParseLiteral(literal);
            default:
                throw new CoercionException($"Type \"{type}\" is not an input type.");
        }
    }

    private static object? NotMissing(object? value, GraphQLType itemType) =>
        ReferenceEquals(value, Missing)
            ? itemType is NonNullType ? throw new CoercionException($"Expected value of non-null type \"{itemType}\" not to be null.") : null
            : value;

    private static Dictionary<string, object?> InputObjectLiteral(InputObjectType input, ObjectValueNode node, IReadOnlyDictionary<string, object?>? variables)
    {
        var result = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var fieldNode in node.Fields)
        {
            if (input.GetField(fieldNode.Name.Value) is null)
                throw new CoercionException($"Field \"{fieldNode.Name.Value}\" is not defined by type \"{input.Name}\".");
        }

        foreach (var field in input.Fields)
        {
            var fieldNode = node.Fields.FirstOrDefault(f => f.Name.Value == field.Name);
            var value = fieldNode is null ? Missing : Literal(fieldNode.Value, field.Type, variables);
            if (ReferenceEquals(value, Missing))
            {
                if (field.HasDefaultValue)
                    result[field.Name] = field.DefaultValue;
                else if (field.Type is NonNullType)
                    throw new CoercionException($"Field \"{input.Name}.{field.Name}\" of required type \"{field.Type}\" was not provided.");
                continue;
            }

            result[field.Name] = value;
        }

        CheckOneOf(input, result);
        return result;
    }

    private static void CheckOneOf(InputObjectType input, Dictionary<string, object?> value)
    {
        if (!input.IsOneOf)
            return;
        if (value.Count != 1)
            throw new CoercionException($"OneOf Input Object \"{input.Name}\" must specify exactly one key.");
        if (value.Values.First() is null)
            throw new CoercionException($"Field \"{input.Name}.{value.Keys.First()}\" must be non-null.");
    }

    /// <summary>Coerces an external (variable) value; <paramref name="value"/> may be decoded JSON or a <see cref="JsonElement"/>.</summary>
    public static object? CoerceInput(object? value, GraphQLType type)
    {
        if (value is JsonElement element)
            value = JsonValues.ToClr(element);
        if (type is NonNullType nonNull)
        {
            if (value is null)
                throw new CoercionException($"Expected non-nullable type \"{type}\" not to be null.");
            return CoerceInput(value, nonNull.OfType);
        }

        if (value is null)
            return null;
        switch (type)
        {
            case ListType list:
                if (value is IEnumerable enumerable and not string and not IDictionary and not IReadOnlyDictionary<string, object?>)
                {
                    var items = new List<object?>();
                    var index = 0;
                    foreach (var item in enumerable)
                    {
                        try
                        {
                            items.Add(CoerceInput(item, list.OfType));
                        }
                        catch (CoercionException e)
                        {
                            throw new CoercionException($"At index {index}: {e.Message}");
                        }

                        index++;
                    }

                    return items;
                }

                return new List<object?> { CoerceInput(value, list.OfType) };
            case InputObjectType input:
                return CoerceInputObject(input, value);
            case EnumType enumType:
                return value is string name && enumType.GetValue(name) is { } enumValue
                    ? enumValue.Value
                    : throw new CoercionException(value is string s
                        ? $"Value \"{s}\" does not exist in \"{enumType.Name}\" enum."
                        : $"Enum \"{enumType.Name}\" cannot represent non-string value: {BuiltInScalars.Show(value)}.");
            case ScalarType scalar:
                return scalar.ParseValue(value);
            default:
                throw new CoercionException($"Type \"{type}\" is not an input type.");
        }
    }

    private static Dictionary<string, object?> CoerceInputObject(InputObjectType input, object value)
    {
        var map = value switch
        {
            IReadOnlyDictionary<string, object?> readOnly => readOnly,
            IDictionary<string, object?> dictionary => dictionary.AsReadOnly(),
            _ => throw new CoercionException($"Expected type \"{input.Name}\" to be an object."),
        };
        foreach (var key in map.Keys)
        {
            if (input.GetField(key) is null)
                throw new CoercionException($"Field \"{key}\" is not defined by type \"{input.Name}\".");
        }

        var result = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var field in input.Fields)
        {
            if (!map.TryGetValue(field.Name, out var fieldValue))
            {
                if (field.HasDefaultValue)
                    result[field.Name] = field.DefaultValue;
                else if (field.Type is NonNullType)
                    throw new CoercionException($"Field \"{field.Name}\" of required type \"{field.Type}\" was not provided.");
                continue;
            }

            try
            {
                result[field.Name] = CoerceInput(fieldValue, field.Type);
            }
            catch (CoercionException e)
            {
                throw new CoercionException($"At \"{field.Name}\": {e.Message}");
            }
        }

        CheckOneOf(input, result);
        return result;
    }
}

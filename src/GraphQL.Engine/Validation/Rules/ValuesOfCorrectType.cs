using GraphQL.Engine.Language;
using GraphQL.Engine.Types;

namespace GraphQL.Engine.Validation.Rules;

/// <summary>
/// 5.6.1 Values of Correct Type (and 5.6.2 Input Object Field Names, 5.6.4 Input Object Required Fields, OneOf).
/// Once a value is reported, its nested values are not checked again, as graphql-js does.
/// </summary>
public sealed class ValuesOfCorrectType : ValidationRule
{
    private Location? _skipped;

    public override void EnterValue(ValidationContext context, ValueNode node)
    {
        if (_skipped is { } skipped && node.Location.Start >= skipped.Start && node.Location.End <= skipped.End)
            return;
        _skipped = null;
        switch (node)
        {
            case VariableNode:
                return;
            case NullValueNode:
                if (context.InputType is NonNullType nonNull)
                    context.ReportError($"Expected value of type \"{nonNull}\", found null.", node);
                return;
            case ListValueNode:
                if (context.InputType?.Nullable is not ListType)
                    CheckLeaf(context, node, skipChildren: true);
                return;
            case ObjectValueNode obj:
                CheckObject(context, obj);
                return;
            default:
                CheckLeaf(context, node, skipChildren: false);
                return;
        }
    }

    private void CheckObject(ValidationContext context, ObjectValueNode node)
    {
        if (context.InputType?.NamedType is not InputObjectType type)
        {
            CheckLeaf(context, node, skipChildren: true);
            return;
        }

        foreach (var field in type.Fields)
        {
            if (field.Type is NonNullType && !field.HasDefaultValue && node.Fields.All(f => f.Name.Value != field.Name))
                context.ReportError($"Field \"{type.Name}.{field.Name}\" of required type \"{field.Type}\" was not provided.", node);
        }

        foreach (var fieldNode in node.Fields)
        {
            if (type.GetField(fieldNode.Name.Value) is null)
            {
                var suggestion = context.Options.EnableFieldSuggestions ? Suggestions.For(fieldNode.Name.Value, type.Fields.Select(f => f.Name)) : string.Empty;
                context.ReportError($"Field \"{fieldNode.Name.Value}\" is not defined by type \"{type.Name}\".{suggestion}", fieldNode);
            }
        }

        if (!type.IsOneOf)
            return;
        var known = node.Fields.Where(f => type.GetField(f.Name.Value) is not null).ToList();
        if (known.Count != 1)
        {
            context.ReportError($"OneOf Input Object \"{type.Name}\" must specify exactly one key.", node);
            return;
        }

        if (known[0].Value is NullValueNode)
            context.ReportError($"Field \"{type.Name}.{known[0].Name.Value}\" must be non-null.", node);
    }

    private void CheckLeaf(ValidationContext context, ValueNode node, bool skipChildren)
    {
        if (context.InputType is not { } locationType)
            return;
        var type = locationType.NamedType;
        string? problem = null;
        if (!type.IsLeafType)
        {
            problem = $"Expected value of type \"{locationType}\", found {Printer.Print(node)}.";
        }
        else
        {
            try
            {
                _ = type switch
                {
                    ScalarType scalar => scalar.ParseLiteral(node),
                    EnumType enumType => node is EnumValueNode e && enumType.GetValue(e.Value) is { } value
                        ? value
                        : throw new CoercionException(EnumProblem(context, enumType, node)),
                    _ => null,
                };
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // A custom scalar may throw anything; to the client it is just an invalid value.
                problem = $"Expected value of type \"{locationType}\", found {Printer.Print(node)}; {e.Message}";
            }
        }

        if (problem is null)
            return;
        context.ReportError(problem, node);
        if (skipChildren)
            _skipped = node.Location;
    }

    private static string EnumProblem(ValidationContext context, EnumType type, ValueNode node)
    {
        if (node is not EnumValueNode enumNode)
            return $"Enum \"{type.Name}\" cannot represent non-enum value: {Printer.Print(node)}.";
        var suggestion = context.Options.EnableFieldSuggestions ? Suggestions.For(enumNode.Value, type.Values.Select(v => v.Name)) : string.Empty;
        return $"Value \"{enumNode.Value}\" does not exist in \"{type.Name}\" enum.{suggestion}";
    }
}

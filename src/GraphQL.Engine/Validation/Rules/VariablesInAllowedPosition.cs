using GraphQL.Engine.Language;
using GraphQL.Engine.Types;
using GraphQL.Engine.Utilities;

namespace GraphQL.Engine.Validation.Rules;

/// <summary>5.8.5 All Variable Usages Are Allowed: the variable's type fits where it is used.</summary>
public sealed class VariablesInAllowedPosition : ValidationRule
{
    public override void EnterOperation(ValidationContext context, OperationDefinitionNode node)
    {
        var definitions = new Dictionary<string, VariableDefinitionNode>(StringComparer.Ordinal);
        foreach (var definition in node.VariableDefinitions)
            definitions[definition.Variable.Name.Value] = definition;
        foreach (var usage in context.GetRecursiveVariableUsages(node))
        {
            if (usage.Type is null || !definitions.TryGetValue(usage.Node.Name.Value, out var definition))
                continue;
            var variableType = TypeFromAst.Resolve(context.Schema, definition.Type);
            if (variableType is null)
                continue;
            if (!Allowed(context.Schema, variableType, definition.DefaultValue, usage.Type, usage.HasDefault))
            {
                context.ReportError(
                    $"Variable \"${usage.Node.Name.Value}\" of type \"{variableType}\" used in position expecting type \"{usage.Type}\".", definition, usage.Node);
            }

            // A nullable variable could leave a OneOf input object with its only field null.
            if (usage.ParentType is InputObjectType { IsOneOf: true } oneOf && variableType is not NonNullType)
            {
                context.ReportError(
                    $"Variable \"${usage.Node.Name.Value}\" is of type \"{variableType}\" but must be non-nullable to be used for OneOf Input Object \"{oneOf.Name}\".", definition, usage.Node);
            }
        }
    }

    private static bool Allowed(Schema schema, GraphQLType variableType, ValueNode? variableDefault, GraphQLType locationType, bool locationHasDefault)
    {
        if (locationType is NonNullType nonNullLocation && variableType is not NonNullType)
        {
            var hasNonNullVariableDefault = variableDefault is not null and not NullValueNode;
            if (!hasNonNullVariableDefault && !locationHasDefault)
                return false;
            return schema.IsTypeSubTypeOf(variableType, nonNullLocation.OfType);
        }

        return schema.IsTypeSubTypeOf(variableType, locationType);
    }
}

using GraphQL.Engine.Language;
using GraphQL.Engine.Utilities;

namespace GraphQL.Engine.Validation.Rules;

/// <summary>5.8.2 Variables Are Input Types.</summary>
public sealed class VariablesAreInputTypes : ValidationRule
{
    public override void EnterVariableDefinition(ValidationContext context, VariableDefinitionNode node)
    {
        var type = TypeFromAst.Resolve(context.Schema, node.Type);
        if (type is not null && !type.IsInputType)
            context.ReportError($"Variable \"${node.Variable.Name.Value}\" cannot be non-input type \"{Printer.Print(node.Type)}\".", node.Type);
    }
}

using GraphQL.Engine.Language;

namespace GraphQL.Engine.Validation.Rules;

/// <summary>5.1.1 Executable Definitions: a request document holds only operations and fragments.</summary>
public sealed class ExecutableDefinitions : ValidationRule
{
    public override void EnterDefinition(ValidationContext context, DefinitionNode node)
    {
        if (node is ExecutableDefinitionNode)
            return;
        var name = node switch
        {
            SchemaDefinitionNode => "schema",
            TypeDefinitionNode type => $"\"{type.Name.Value}\"",
            DirectiveDefinitionNode directive => $"\"{directive.Name.Value}\"",
            _ => "?",
        };
        context.ReportError($"The {name} definition is not executable.", node);
    }
}

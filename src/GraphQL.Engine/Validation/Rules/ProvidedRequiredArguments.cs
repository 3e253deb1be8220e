using GraphQL.Engine.Language;
using GraphQL.Engine.Types;

namespace GraphQL.Engine.Validation.Rules;

/// <summary>5.4.2.1 Required Arguments: non-null arguments without a default must be given.</summary>
public sealed class ProvidedRequiredArguments : ValidationRule
{
    public override void LeaveField(ValidationContext context, FieldNode node)
    {
        if (context.FieldDefinition is not { Arguments.Count: > 0 } field)
            return;
        foreach (var missing in Missing(field.Arguments, node.Arguments))
            context.ReportError($"Field \"{field.Name}\" argument \"{missing.Name}\" of type \"{missing.Type}\" is required, but it was not provided.", node);
    }

    public override void EnterDirective(ValidationContext context, DirectiveNode node)
    {
        if (context.Directive is not { Arguments.Count: > 0 } directive)
            return;
        foreach (var missing in Missing(directive.Arguments, node.Arguments))
            context.ReportError($"Directive \"@{directive.Name}\" argument \"{missing.Name}\" of type \"{missing.Type}\" is required, but it was not provided.", node);
    }

    private static IEnumerable<InputValueDefinition> Missing(IReadOnlyList<InputValueDefinition> definitions, IReadOnlyList<ArgumentNode> given)
    {
        foreach (var definition in definitions)
        {
            if (definition.Type is not NonNullType || definition.HasDefaultValue)
                continue;
            var provided = false;
            foreach (var argument in given)
                provided |= argument.Name.Value == definition.Name;
            if (!provided)
                yield return definition;
        }
    }
}

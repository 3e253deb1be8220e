using GraphQL.Engine.Language;
using GraphQL.Engine.Types;

namespace GraphQL.Engine.Validation.Rules;

/// <summary>5.4.2.1 Required Arguments: non-null arguments without a default must be given.</summary>
public sealed class ProvidedRequiredArguments : ValidationRule
{
    public override void LeaveField(ValidationContext context, FieldNode node)
    {
        if (context.FieldDefinition is not { } field)
            return;
        foreach (var missing in Missing(field.Arguments, node.Arguments))
            context.ReportError($"Field \"{field.Name}\" argument \"{missing.Name}\" of type \"{missing.Type}\" is required, but it was not provided.", node);
    }

    public override void EnterDirective(ValidationContext context, DirectiveNode node)
    {
        if (context.Directive is not { } directive)
            return;
        foreach (var missing in Missing(directive.Arguments, node.Arguments))
            context.ReportError($"Directive \"@{directive.Name}\" argument \"{missing.Name}\" of type \"{missing.Type}\" is required, but it was not provided.", node);
    }

    private static IEnumerable<InputValueDefinition> Missing(IReadOnlyList<InputValueDefinition> definitions, IReadOnlyList<ArgumentNode> given) =>
        definitions.Where(d => d.Type is NonNullType && !d.HasDefaultValue && given.All(a => a.Name.Value != d.Name));
}

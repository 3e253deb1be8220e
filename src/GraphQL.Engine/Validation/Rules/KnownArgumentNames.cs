using GraphQL.Engine.Language;
using GraphQL.Engine.Types;

namespace GraphQL.Engine.Validation.Rules;

/// <summary>5.4.1 Argument Names: every argument is defined by the field or directive.</summary>
public sealed class KnownArgumentNames : ValidationRule
{
    private SyntaxNode? _owner;

    public override void EnterArguments(ValidationContext context, SyntaxNode owner, IReadOnlyList<ArgumentNode> arguments) => _owner = owner;

    public override void EnterArgument(ValidationContext context, ArgumentNode node)
    {
        if (context.Argument is not null)
            return;
        var name = node.Name.Value;
        if (_owner is DirectiveNode directive)
        {
            if (context.Directive is { } definition)
                context.ReportError($"Unknown argument \"{name}\" on directive \"@{directive.Name.Value}\".{Suggest(context, name, definition.Arguments)}", node);
        }
        else if (context.FieldDefinition is { } field && context.ParentType is { } parent)
        {
            context.ReportError($"Unknown argument \"{name}\" on field \"{parent.Name}.{field.Name}\".{Suggest(context, name, field.Arguments)}", node);
        }
    }

    private static string Suggest(ValidationContext context, string name, IReadOnlyList<InputValueDefinition> arguments) =>
        context.Options.EnableFieldSuggestions ? Suggestions.For(name, arguments.Select(a => a.Name)) : string.Empty;
}

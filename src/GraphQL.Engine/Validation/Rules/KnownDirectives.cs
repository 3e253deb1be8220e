using GraphQL.Engine.Language;

namespace GraphQL.Engine.Validation.Rules;

/// <summary>5.7.1 Directives Are Defined, and 5.7.2 Directives Are In Valid Locations.</summary>
public sealed class KnownDirectives : ValidationRule
{
    public override void EnterDirective(ValidationContext context, DirectiveNode node)
    {
        if (context.Directive is not { } definition)
        {
            context.ReportError($"Unknown directive \"@{node.Name.Value}\".", node);
            return;
        }

        if (context.DirectiveLocation is { } location && !definition.Locations.Contains(location))
            context.ReportError($"Directive \"@{node.Name.Value}\" may not be used on {location}.", node);
    }
}

using GraphQL.Engine.Language;

namespace GraphQL.Engine.Validation.Rules;

/// <summary>5.5.1.2 / 5.8.2: type conditions and variable types name types of the schema.</summary>
public sealed class KnownTypeNames : ValidationRule
{
    public override void EnterNamedType(ValidationContext context, NamedTypeNode node)
    {
        var name = node.Name.Value;
        if (context.Schema.GetType(name) is not null)
            return;
        var suggestions = context.Options.EnableFieldSuggestions
            ? Suggestions.For(name, context.Schema.Types.Select(t => t.Name).Where(n => !n.StartsWith("__", StringComparison.Ordinal)))
            : string.Empty;
        context.ReportError($"Unknown type \"{name}\".{suggestions}", node);
    }
}

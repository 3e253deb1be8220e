using GraphQL.Engine.Language;
using GraphQL.Engine.Types.Scalars;

namespace GraphQL.Engine.Types;

/// <summary>The directives every schema knows without declaring them.</summary>
public static class BuiltInDirectives
{
    public const string DefaultDeprecationReason = "No longer supported";

    public static IReadOnlyList<DirectiveDefinition> Create()
    {
        var include = new DirectiveDefinition("include", [DirectiveLocations.Field, DirectiveLocations.FragmentSpread, DirectiveLocations.InlineFragment])
        {
            Description = "Directs the executor to include this field or fragment only when the `if` argument is true.",
            Arguments = [new InputValueDefinition("if", new NonNullType(BuiltInScalars.Boolean)) { Description = "Included when true." }],
        };
        var skip = new DirectiveDefinition("skip", [DirectiveLocations.Field, DirectiveLocations.FragmentSpread, DirectiveLocations.InlineFragment])
        {
            Description = "Directs the executor to skip this field or fragment when the `if` argument is true.",
            Arguments = [new InputValueDefinition("if", new NonNullType(BuiltInScalars.Boolean)) { Description = "Skipped when true." }],
        };
        var deprecated = new DirectiveDefinition("deprecated",
            [DirectiveLocations.FieldDefinition, DirectiveLocations.ArgumentDefinition, DirectiveLocations.InputFieldDefinition, DirectiveLocations.EnumValue])
        {
            Description = "Marks an element of a GraphQL schema as no longer supported.",
            Arguments =
            [
                new InputValueDefinition("reason", new NonNullType(BuiltInScalars.String))
                {
                    Description = "Explains why this element was deprecated, usually also including a suggestion for how to access supported similar data. Formatted using the Markdown syntax, as specified by [CommonMark](https://commonmark.org/).",
                    DefaultValueLiteral = new StringValueNode(DefaultDeprecationReason, false, default),
                    DefaultValue = DefaultDeprecationReason,
                },
            ],
        };
        var specifiedBy = new DirectiveDefinition("specifiedBy", [DirectiveLocations.Scalar])
        {
            Description = "Exposes a URL that specifies the behavior of this scalar.",
            Arguments = [new InputValueDefinition("url", new NonNullType(BuiltInScalars.String)) { Description = "The URL that specifies the behavior of this scalar." }],
        };
        var oneOf = new DirectiveDefinition("oneOf", [DirectiveLocations.InputObject])
        {
            Description = "Indicates exactly one field must be supplied and this field must not be `null`.",
        };
        return [include, skip, deprecated, specifiedBy, oneOf];
    }

    public static bool IsBuiltIn(string name) => name is "include" or "skip" or "deprecated" or "specifiedBy" or "oneOf";
}

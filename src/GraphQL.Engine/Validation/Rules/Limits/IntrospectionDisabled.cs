using GraphQL.Engine.Language;

namespace GraphQL.Engine.Validation.Rules.Limits;

/// <summary>Refuses <c>__schema</c> and <c>__type</c> where the environment hides the schema (<see cref="Execution.ExecutionOptions.EnableIntrospection"/>).</summary>
public sealed class IntrospectionDisabled : ValidationRule
{
    public override void EnterField(ValidationContext context, FieldNode node)
    {
        if (node.Name.Value is "__schema" or "__type")
            context.ReportError("Introspection is disabled for this API: __schema and __type cannot be queried.", node);
    }
}

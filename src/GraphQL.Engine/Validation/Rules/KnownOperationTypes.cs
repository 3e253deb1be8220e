using GraphQL.Engine.Language;

namespace GraphQL.Engine.Validation.Rules;

/// <summary>5.2.3 Operation Type Existence (September 2025): the schema must have a root type for the operation.</summary>
public sealed class KnownOperationTypes : ValidationRule
{
    public override void EnterOperation(ValidationContext context, OperationDefinitionNode node)
    {
        if (context.Schema.GetRootType(node.Operation) is null)
            context.ReportError($"The {node.Operation.ToString().ToLowerInvariant()} operation is not supported by the schema.", node);
    }
}

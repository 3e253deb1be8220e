using GraphQL.Engine.Language;

namespace GraphQL.Engine.Validation.Rules;

/// <summary>5.2.2.1 Lone Anonymous Operation.</summary>
public sealed class LoneAnonymousOperation : ValidationRule
{
    private int _operations;

    public override void EnterDocument(ValidationContext context, DocumentNode node) =>
        _operations = node.Definitions.Count(d => d is OperationDefinitionNode);

    public override void EnterOperation(ValidationContext context, OperationDefinitionNode node)
    {
        if (node.Name is null && _operations > 1)
            context.ReportError("This anonymous operation must be the only defined operation.", node);
    }
}

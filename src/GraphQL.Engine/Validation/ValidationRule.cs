using GraphQL.Engine.Language;

namespace GraphQL.Engine.Validation;

/// <summary>
/// One rule of section 5 of the specification. The walker visits the document once for all rules and calls
/// these hooks; <see cref="ValidationContext"/> holds the type information of the node being visited.
/// A fresh instance is made per validation, so rules may keep state in fields.
/// </summary>
public abstract class ValidationRule
{
    public virtual void EnterDocument(ValidationContext context, DocumentNode node) { }

    public virtual void LeaveDocument(ValidationContext context, DocumentNode node) { }

    public virtual void EnterDefinition(ValidationContext context, DefinitionNode node) { }

    public virtual void EnterOperation(ValidationContext context, OperationDefinitionNode node) { }

    public virtual void LeaveOperation(ValidationContext context, OperationDefinitionNode node) { }

    public virtual void EnterFragmentDefinition(ValidationContext context, FragmentDefinitionNode node) { }

    public virtual void EnterVariableDefinition(ValidationContext context, VariableDefinitionNode node) { }

    public virtual void EnterSelectionSet(ValidationContext context, SelectionSetNode node) { }

    public virtual void EnterField(ValidationContext context, FieldNode node) { }

    public virtual void LeaveField(ValidationContext context, FieldNode node) { }

    public virtual void EnterInlineFragment(ValidationContext context, InlineFragmentNode node) { }

    public virtual void EnterFragmentSpread(ValidationContext context, FragmentSpreadNode node) { }

    /// <summary>Called for each directive list (operation, field, fragment, variable definition) before its directives.</summary>
    public virtual void EnterDirectives(ValidationContext context, SyntaxNode owner, IReadOnlyList<DirectiveNode> directives) { }

    public virtual void EnterDirective(ValidationContext context, DirectiveNode node) { }

    /// <summary>Called for each argument list (field or directive) before its arguments.</summary>
    public virtual void EnterArguments(ValidationContext context, SyntaxNode owner, IReadOnlyList<ArgumentNode> arguments) { }

    public virtual void EnterArgument(ValidationContext context, ArgumentNode node) { }

    public virtual void EnterValue(ValidationContext context, ValueNode node) { }

    public virtual void EnterNamedType(ValidationContext context, NamedTypeNode node) { }
}

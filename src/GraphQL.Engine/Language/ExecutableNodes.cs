namespace GraphQL.Engine.Language;

public abstract record ExecutableDefinitionNode(
    NameNode? Name,
    IReadOnlyList<DirectiveNode> Directives,
    SelectionSetNode SelectionSet,
    Location Location) : DefinitionNode(Location);

public sealed record OperationDefinitionNode(
    OperationType Operation,
    NameNode? Name,
    IReadOnlyList<VariableDefinitionNode> VariableDefinitions,
    IReadOnlyList<DirectiveNode> Directives,
    SelectionSetNode SelectionSet,
    Location Location) : ExecutableDefinitionNode(Name, Directives, SelectionSet, Location);

public sealed record FragmentDefinitionNode(
    NameNode FragmentName,
    NamedTypeNode TypeCondition,
    IReadOnlyList<DirectiveNode> Directives,
    SelectionSetNode SelectionSet,
    Location Location) : ExecutableDefinitionNode(FragmentName, Directives, SelectionSet, Location);

public sealed record VariableDefinitionNode(
    VariableNode Variable,
    TypeNode Type,
    ValueNode? DefaultValue,
    IReadOnlyList<DirectiveNode> Directives,
    Location Location) : SyntaxNode(Location);

public sealed record SelectionSetNode(IReadOnlyList<SelectionNode> Selections, Location Location) : SyntaxNode(Location);

public abstract record SelectionNode(IReadOnlyList<DirectiveNode> Directives, Location Location) : SyntaxNode(Location);

public sealed record FieldNode(
    NameNode? Alias,
    NameNode Name,
    IReadOnlyList<ArgumentNode> Arguments,
    IReadOnlyList<DirectiveNode> Directives,
    SelectionSetNode? SelectionSet,
    Location Location) : SelectionNode(Directives, Location)
{
    public string ResponseKey => Alias?.Value ?? Name.Value;
}

public sealed record FragmentSpreadNode(NameNode Name, IReadOnlyList<DirectiveNode> Directives, Location Location)
    : SelectionNode(Directives, Location);

public sealed record InlineFragmentNode(
    NamedTypeNode? TypeCondition,
    IReadOnlyList<DirectiveNode> Directives,
    SelectionSetNode SelectionSet,
    Location Location) : SelectionNode(Directives, Location);

public sealed record ArgumentNode(NameNode Name, ValueNode Value, Location Location) : SyntaxNode(Location);

public sealed record DirectiveNode(NameNode Name, IReadOnlyList<ArgumentNode> Arguments, Location Location) : SyntaxNode(Location);

namespace GraphQL.Engine.Language;

/// <summary>A type-system definition or extension (SDL). Extensions carry <c>IsExtension</c> and never a description.</summary>
public abstract record TypeSystemNode(StringValueNode? Description, IReadOnlyList<DirectiveNode> Directives, bool IsExtension, Location Location)
    : DefinitionNode(Location);

public sealed record SchemaDefinitionNode(
    StringValueNode? Description,
    IReadOnlyList<DirectiveNode> Directives,
    IReadOnlyList<OperationTypeDefinitionNode> OperationTypes,
    bool IsExtension,
    Location Location) : TypeSystemNode(Description, Directives, IsExtension, Location);

public sealed record OperationTypeDefinitionNode(OperationType Operation, NamedTypeNode Type, Location Location) : SyntaxNode(Location);

/// <summary>Any named type definition: scalar, object, interface, union, enum or input object.</summary>
public abstract record TypeDefinitionNode(
    StringValueNode? Description,
    NameNode Name,
    IReadOnlyList<DirectiveNode> Directives,
    bool IsExtension,
    Location Location) : TypeSystemNode(Description, Directives, IsExtension, Location);

public sealed record ScalarTypeDefinitionNode(StringValueNode? Description, NameNode Name, IReadOnlyList<DirectiveNode> Directives, bool IsExtension, Location Location)
    : TypeDefinitionNode(Description, Name, Directives, IsExtension, Location);

public sealed record ObjectTypeDefinitionNode(
    StringValueNode? Description,
    NameNode Name,
    IReadOnlyList<NamedTypeNode> Interfaces,
    IReadOnlyList<DirectiveNode> Directives,
    IReadOnlyList<FieldDefinitionNode> Fields,
    bool IsExtension,
    Location Location) : TypeDefinitionNode(Description, Name, Directives, IsExtension, Location);

public sealed record InterfaceTypeDefinitionNode(
    StringValueNode? Description,
    NameNode Name,
    IReadOnlyList<NamedTypeNode> Interfaces,
    IReadOnlyList<DirectiveNode> Directives,
    IReadOnlyList<FieldDefinitionNode> Fields,
    bool IsExtension,
    Location Location) : TypeDefinitionNode(Description, Name, Directives, IsExtension, Location);

public sealed record UnionTypeDefinitionNode(
    StringValueNode? Description,
    NameNode Name,
    IReadOnlyList<DirectiveNode> Directives,
    IReadOnlyList<NamedTypeNode> Types,
    bool IsExtension,
    Location Location) : TypeDefinitionNode(Description, Name, Directives, IsExtension, Location);

public sealed record EnumTypeDefinitionNode(
    StringValueNode? Description,
    NameNode Name,
    IReadOnlyList<DirectiveNode> Directives,
    IReadOnlyList<EnumValueDefinitionNode> Values,
    bool IsExtension,
    Location Location) : TypeDefinitionNode(Description, Name, Directives, IsExtension, Location);

public sealed record InputObjectTypeDefinitionNode(
    StringValueNode? Description,
    NameNode Name,
    IReadOnlyList<DirectiveNode> Directives,
    IReadOnlyList<InputValueDefinitionNode> Fields,
    bool IsExtension,
    Location Location) : TypeDefinitionNode(Description, Name, Directives, IsExtension, Location);

public sealed record FieldDefinitionNode(
    StringValueNode? Description,
    NameNode Name,
    IReadOnlyList<InputValueDefinitionNode> Arguments,
    TypeNode Type,
    IReadOnlyList<DirectiveNode> Directives,
    Location Location) : SyntaxNode(Location);

public sealed record InputValueDefinitionNode(
    StringValueNode? Description,
    NameNode Name,
    TypeNode Type,
    ValueNode? DefaultValue,
    IReadOnlyList<DirectiveNode> Directives,
    Location Location) : SyntaxNode(Location);

public sealed record EnumValueDefinitionNode(StringValueNode? Description, NameNode Name, IReadOnlyList<DirectiveNode> Directives, Location Location)
    : SyntaxNode(Location);

public sealed record DirectiveDefinitionNode(
    StringValueNode? Description,
    NameNode Name,
    IReadOnlyList<InputValueDefinitionNode> Arguments,
    bool Repeatable,
    IReadOnlyList<NameNode> Locations,
    Location Location) : TypeSystemNode(Description, [], false, Location);

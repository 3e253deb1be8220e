namespace GraphQL.Engine.Language;

public abstract record ValueNode(Location Location) : SyntaxNode(Location);

public sealed record VariableNode(NameNode Name, Location Location) : ValueNode(Location);

public sealed record IntValueNode(string Value, Location Location) : ValueNode(Location);

public sealed record FloatValueNode(string Value, Location Location) : ValueNode(Location);

public sealed record StringValueNode(string Value, bool Block, Location Location) : ValueNode(Location);

public sealed record BooleanValueNode(bool Value, Location Location) : ValueNode(Location);

public sealed record NullValueNode(Location Location) : ValueNode(Location);

public sealed record EnumValueNode(string Value, Location Location) : ValueNode(Location);

public sealed record ListValueNode(IReadOnlyList<ValueNode> Values, Location Location) : ValueNode(Location);

public sealed record ObjectValueNode(IReadOnlyList<ObjectFieldNode> Fields, Location Location) : ValueNode(Location);

public sealed record ObjectFieldNode(NameNode Name, ValueNode Value, Location Location) : SyntaxNode(Location);

public abstract record TypeNode(Location Location) : SyntaxNode(Location);

public sealed record NamedTypeNode(NameNode Name, Location Location) : TypeNode(Location);

public sealed record ListTypeNode(TypeNode Type, Location Location) : TypeNode(Location);

public sealed record NonNullTypeNode(TypeNode Type, Location Location) : TypeNode(Location);

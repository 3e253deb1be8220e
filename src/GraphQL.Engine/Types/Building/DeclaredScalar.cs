using GraphQL.Engine.Language;

namespace GraphQL.Engine.Types.Building;

/// <summary>
/// One schema's own instance of a scalar whose coercion comes from a shared implementation (an extended scalar, or
/// one added with <see cref="SchemaBuilder.AddScalar"/>). The schema's SDL description, definition nodes and
/// <c>@specifiedBy</c> URL are written here, never on the shared instance, so schemas built in one process (at the
/// same time, too) never see each other's.
/// </summary>
internal sealed class DeclaredScalar(ScalarType implementation)
    : ScalarType(implementation.Name, implementation.Description, implementation.SpecifiedByUrl)
{
    public override object Serialize(object value) => implementation.Serialize(value);

    public override object ParseValue(object value) => implementation.ParseValue(value);

    public override object ParseLiteral(ValueNode literal) => implementation.ParseLiteral(literal);
}

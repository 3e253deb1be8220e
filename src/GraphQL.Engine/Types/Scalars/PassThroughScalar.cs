using GraphQL.Engine.Language;

namespace GraphQL.Engine.Types.Scalars;

/// <summary>
/// A custom scalar declared in SDL with no implementation supplied: values pass through unchanged
/// (as graphql-js does), literals become their natural CLR value.
/// </summary>
internal sealed class PassThroughScalar(string name) : ScalarType(name)
{
    public override object Serialize(object value) => value;

    public override object ParseValue(object value) => value;

    public override object ParseLiteral(ValueNode literal) => ExtendedScalars.Json.ParseLiteral(literal);
}

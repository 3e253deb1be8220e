using System.Globalization;
using GraphQL.Engine.Language;

namespace GraphQL.Engine.Types.Scalars;

/// <summary>The five scalars every GraphQL schema has.</summary>
public static class BuiltInScalars
{
    public static ScalarType Int { get; } = new IntScalar();

    public static ScalarType Float { get; } = new FloatScalar();

    public static ScalarType String { get; } = new StringScalar();

    public static ScalarType Boolean { get; } = new BooleanScalar();

    public static ScalarType ID { get; } = new IdScalar();

    public static IReadOnlyList<ScalarType> All { get; } = [String, Int, Float, Boolean, ID];

    public static bool IsBuiltIn(string name) => name is "String" or "Int" or "Float" or "Boolean" or "ID";

    internal static string Show(object value) => value switch
    {
        string s => StringLiteral.Quote(s),
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "?",
    };

    internal static string Show(ValueNode literal) => Printer.Print(literal);

    internal static bool IsNumber(object value) =>
        value is int or long or short or byte or sbyte or uint or ushort or ulong or double or float or decimal;

    private sealed class IntScalar() : ScalarType("Int",
        "The `Int` scalar type represents non-fractional signed whole numeric values. Int can represent values between -(2^31) and 2^31 - 1.")
    {
        public override object Serialize(object value) => value switch
        {
            int i => i,
            bool b => b ? 1 : 0,
            string s when double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) => ToInt(parsed, value),
            _ when IsNumber(value) => ToInt(Convert.ToDouble(value, CultureInfo.InvariantCulture), value),
            _ => throw new CoercionException($"Int cannot represent non-integer value: {Show(value)}"),
        };

        public override object ParseValue(object value) => IsNumber(value)
            ? ToInt(Convert.ToDouble(value, CultureInfo.InvariantCulture), value)
            : throw new CoercionException($"Int cannot represent non-integer value: {Show(value)}");

        public override object ParseLiteral(ValueNode literal)
        {
            if (literal is not IntValueNode intNode)
                throw new CoercionException($"Int cannot represent non-integer value: {Show(literal)}");
            if (!int.TryParse(intNode.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var result))
                throw new CoercionException($"Int cannot represent non 32-bit signed integer value: {intNode.Value}");
            return result;
        }

        private static int ToInt(double number, object original)
        {
            if (number != Math.Floor(number) || !double.IsFinite(number))
                throw new CoercionException($"Int cannot represent non-integer value: {Show(original)}");
            if (number is > int.MaxValue or < int.MinValue)
                throw new CoercionException($"Int cannot represent non 32-bit signed integer value: {Show(original)}");
            return (int)number;
        }
    }

    private sealed class FloatScalar() : ScalarType("Float",
        "The `Float` scalar type represents signed double-precision fractional values as specified by [IEEE 754](https://en.wikipedia.org/wiki/IEEE_floating_point).")
    {
        public override object Serialize(object value)
        {
            var number = value switch
            {
                bool b => b ? 1.0 : 0.0,
                string s when double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) => parsed,
                _ when IsNumber(value) => Convert.ToDouble(value, CultureInfo.InvariantCulture),
                _ => double.NaN,
            };
            return double.IsFinite(number) ? number : throw new CoercionException($"Float cannot represent non numeric value: {Show(value)}");
        }

        public override object ParseValue(object value) =>
            IsNumber(value) && Convert.ToDouble(value, CultureInfo.InvariantCulture) is var d && double.IsFinite(d)
                ? d
                : throw new CoercionException($"Float cannot represent non numeric value: {Show(value)}");

        public override object ParseLiteral(ValueNode literal) => literal switch
        {
            IntValueNode i => double.Parse(i.Value, CultureInfo.InvariantCulture),
            FloatValueNode f => double.Parse(f.Value, CultureInfo.InvariantCulture),
            _ => throw new CoercionException($"Float cannot represent non numeric value: {Show(literal)}"),
        };
    }

    private sealed class StringScalar() : ScalarType("String",
        "The `String` scalar type represents textual data, represented as UTF-8 character sequences. The String type is most often used by GraphQL to represent free-form human-readable text.")
    {
        public override object Serialize(object value) => value switch
        {
            string s => s,
            bool b => b ? "true" : "false",
            Enum e => e.ToString(),
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            _ => throw new CoercionException($"String cannot represent value: {Show(value)}"),
        };

        public override object ParseValue(object value) =>
            value as string ?? throw new CoercionException($"String cannot represent a non string value: {Show(value)}");

        public override object ParseLiteral(ValueNode literal) =>
            literal is StringValueNode s ? s.Value : throw new CoercionException($"String cannot represent a non string value: {Show(literal)}");
    }

    private sealed class BooleanScalar() : ScalarType("Boolean", "The `Boolean` scalar type represents `true` or `false`.")
    {
        public override object Serialize(object value) => value switch
        {
            bool b => b,
            _ when IsNumber(value) => Convert.ToDouble(value, CultureInfo.InvariantCulture) != 0,
            _ => throw new CoercionException($"Boolean cannot represent a non boolean value: {Show(value)}"),
        };

        public override object ParseValue(object value) =>
            value is bool b ? b : throw new CoercionException($"Boolean cannot represent a non boolean value: {Show(value)}");

        public override object ParseLiteral(ValueNode literal) =>
            literal is BooleanValueNode b ? b.Value : throw new CoercionException($"Boolean cannot represent a non boolean value: {Show(literal)}");
    }

    private sealed class IdScalar() : ScalarType("ID",
        "The `ID` scalar type represents a unique identifier, often used to refetch an object or as key for a cache. The ID type appears in a JSON response as a String; however, it is not intended to be human-readable. When expected as an input type, any string (such as `\"4\"`) or integer (such as `4`) input value will be accepted as an ID.")
    {
        public override object Serialize(object value) => value switch
        {
            string s => s,
            int or long or short or uint or ulong or Guid => Convert.ToString(value, CultureInfo.InvariantCulture)!,
            _ => throw new CoercionException($"ID cannot represent value: {Show(value)}"),
        };

        public override object ParseValue(object value) => value switch
        {
            string s => s,
            int or long => Convert.ToString(value, CultureInfo.InvariantCulture)!,
            double d when d == Math.Floor(d) && double.IsFinite(d) => ((long)d).ToString(CultureInfo.InvariantCulture),
            _ => throw new CoercionException($"ID cannot represent value: {Show(value)}"),
        };

        public override object ParseLiteral(ValueNode literal) => literal switch
        {
            StringValueNode s => s.Value,
            IntValueNode i => i.Value,
            _ => throw new CoercionException($"ID cannot represent a non-string and non-integer value: {Show(literal)}"),
        };
    }
}
